import Foundation
import Testing
@testable import PostinoServer

/// Issue 17: log files rotate by size, the rotated ones are gzip-compressed and only the
/// newest `keep` stay; `reopen` follows a file an external logrotate renamed.
@Suite struct LogRotationTests {
    private func directory() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-rotate-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: false)
        return root
    }

    private func names(_ root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }

    @Test func rotatesBySizeCompressesAndKeepsTheNewest() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("maillog")
        let sink = try LogSink(appendingTo: log, rotation: LogRotation(maxSize: 1000, keep: 2))
        for n in 0..<100 { sink.write(line: String(format: "line %03d ", n) + String(repeating: "x", count: 90)) }
        LogRotation.queue.sync {}  // compression and pruning done
        let rotated = try names(root).filter { $0.hasPrefix("maillog-") }
        #expect(rotated.count == 2)
        #expect(rotated.allSatisfy { $0.hasSuffix(".gz") })
        let current = try String(contentsOf: log, encoding: .utf8)
        #expect(current.utf8.count <= 1000)
        #expect(current.hasSuffix("line 099 " + String(repeating: "x", count: 90) + "\n"))
        // The newest rotated file ends where the current one begins.
        let newest = try gunzip(root.appendingPathComponent(rotated[1]))
        #expect(newest.contains("line 0") && !newest.contains("line 099"))
    }

    @Test func newRotationSettingsApplyToTheNextLine() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("access")
        let sink = try LogSink(appendingTo: log, rotation: LogRotation(maxSize: 1 << 20, keep: 3))
        for _ in 0..<20 { sink.write(line: String(repeating: "a", count: 99)) }
        #expect(try names(root) == ["access"])
        sink.setRotation(LogRotation(maxSize: 500, keep: 3))
        sink.write(line: "after")
        LogRotation.queue.sync {}
        #expect(try names(root).filter { $0.hasPrefix("access-") && $0.hasSuffix(".gz") }.count == 1)
        #expect(try String(contentsOf: log, encoding: .utf8) == "after\n")
    }

    @Test func reopenFollowsARenamedFile() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("maillog")
        let sink = try LogSink(appendingTo: log)
        sink.write(line: "before")
        try FileManager.default.moveItem(at: log, to: root.appendingPathComponent("maillog.1"))
        sink.write(line: "still the old file")
        try sink.reopen()
        sink.write(line: "after")
        #expect(try String(contentsOf: log, encoding: .utf8) == "after\n")
        #expect(try String(contentsOf: root.appendingPathComponent("maillog.1"), encoding: .utf8) == "before\nstill the old file\n")
    }

    private func gunzip(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
