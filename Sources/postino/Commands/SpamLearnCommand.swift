import Antispam
import ArgumentParser
import Foundation

/// `postino spam learn --spam|--ham PATH…`: files, directories (recursively) and mbox
/// files (split at `From ` lines that follow a blank line).
struct SpamLearnCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn", abstract: "Teach Bayes messages as spam or ham (files, directories, mbox files).",
        discussion: "Each message is learnt once; a message learnt before as the other class moves over.")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "The messages are spam.") var spam = false
    @Flag(name: .long, help: "The messages are ham (wanted mail).") var ham = false
    @Argument(help: ArgumentHelp("Message files, directories or mbox files.", valueName: "PATH")) var paths: [String]

    func validate() throws {
        if spam == ham { throw ValidationError("give exactly one of --spam and --ham") }
        if paths.isEmpty { throw ValidationError("give at least one PATH") }
    }

    func runAsync() async throws {
        let engine = try SpamCommand.engine(global)
        let files = try MessageFiles.expand(paths)
        let progress = ProgressLine(total: files.count)
        var counts: [BayesLearnOutcome: Int] = [:]
        var batch: [[UInt8]] = []
        var done = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            // The weights are trained once, after the last batch.
            for outcome in try await engine.learn(batch, as: spam ? .spam : .ham, train: false) { counts[outcome, default: 0] += 1 }
            batch.removeAll(keepingCapacity: true)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            batch.append(contentsOf: MessageFiles.split([UInt8](data)))
            done += 1
            if batch.count >= 250 { try await flush() }
            progress.update(done)
        }
        try await flush()
        progress.finish()
        if counts[.learned, default: 0] + counts[.relearned, default: 0] > 0 { try await engine.train() }
        let status = try await engine.status()
        print("learnt \(counts[.learned, default: 0]) new, \(counts[.relearned, default: 0]) moved from \(spam ? "ham" : "spam"), "
              + "\(counts[.unchanged, default: 0]) already known; model: \(status.totals.spam) spam, \(status.totals.ham) ham, "
              + "\(status.totals.tokens) tokens, \(status.active ? "active" : "not active yet")")
    }
}

enum MessageFiles {
    /// Regular files under the paths, sorted per directory; hidden files skipped.
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CLIError("no such file or directory: \(path)") }
            if !isDirectory.boolValue { files.append(path); continue }
            guard let enumerator = fm.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                var dir: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { found.append(full) }
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    /// One message, or the messages of an mbox file (a `From ` line after a blank line
    /// starts the next one).
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        let from: [UInt8] = Array("From ".utf8)
        guard bytes.starts(with: from) else { return [bytes] }
        var messages: [[UInt8]] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            // "\n\nFrom " (or with CRs) starts a new message.
            if bytes[i] == 0x0A, i > start, i + 1 < bytes.count, bytes[(i + 1)...].starts(with: from) {
                var j = i - 1
                if j >= 0, bytes[j] == 0x0D { j -= 1 }
                if j >= start, bytes[j] == 0x0A {
                    messages.append(Array(bytes[start...i]))
                    start = i + 1
                }
            }
            i += 1
        }
        messages.append(Array(bytes[start...]))
        return messages.filter { $0.count > 10 }
    }
}

/// "learnt 120/2000" on stderr when it is a terminal.
final class ProgressLine {
    let total: Int
    let enabled = isatty(2) == 1
    private var last = Date.distantPast

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.1 || done == total else { return }
        last = Date()
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
