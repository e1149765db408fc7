import Administration
import ArgumentParser
import Foundation
import MailAuth

struct DKIMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dkim", abstract: "Manage DKIM keys; sign and verify message files.",
        subcommands: [Generate.self, Show.self, Sign.self, Verify.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Create the domain's DKIM key (RSA 2048, selector default) and print the record to publish.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A domain of the directory.") var domain: String
        @Flag(help: "Replace an existing key (the published record must then be updated).") var force = false
        @Flag(help: "Also create an Ed25519 key (selector ed25519) for a second signature.") var ed25519 = false

        func run() throws {
            let admin = try global.administration()
            let keys = try admin.generateDKIMKeys(domain: domain, ed25519: ed25519, force: force)
            let name = keys.first?.domain ?? domain
            let what = keys.map { $0.key_type == "rsa" ? "RSA 2048 (selector \($0.selector))" : "Ed25519 (selector \($0.selector))" }
            print("generated DKIM key for \(name): \(what.joined(separator: ", ")); publish:")
            for key in keys { print(key.zone_file_line) }
            if try !admin.domain(name).dkim {
                print("Signing stays off until you publish the record and run: postino domain set \(name) --dkim on")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the TXT record to publish for the domain's key, as a zone-file line.")
        @OptionGroup var global: GlobalOptions
        @Argument var domain: String

        func run() throws {
            for key in try global.administration().dkimKeys(domain: domain) { print(key.zone_file_line) }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Print the message signed with the domain's key(s).",
            discussion: "Files with bare LF line ends are signed as sent over SMTP (CRLF) and printed with LF.")
        @OptionGroup var global: GlobalOptions
        @Argument var domain: String
        @Argument(help: ArgumentHelp("An RFC 5322 message file.", valueName: "FILE")) var file: String

        func run() throws {
            let signers = try global.administration().dkimSigners(domain: domain)
            let message = try DKIMCommand.readFile(file)
            FileHandle.standardOutput.write(Data(try DKIMSigner.sign(message, with: signers)))
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify the message's DKIM signatures; print one Authentication-Results entry per signature.",
            discussion: """
            The key records come from --txt-file: zone-file lines as `postino dkim show` prints them, or a bare
            record value (used for every selector). Exits with status 2 when no signature passes.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("An RFC 5322 message file.", valueName: "FILE")) var file: String
        @Option(name: .customLong("txt-file"), help: ArgumentHelp("Key records to use instead of DNS.", valueName: "FILE"))
        var txtFile: String?

        func validate() throws {
            if txtFile == nil { throw ValidationError("give the key records with --txt-file FILE (DNS lookups are not available yet)") }
        }

        func run() throws {
            let message = try DKIMCommand.readFile(file)
            let keys = try KeyRecordFile.parse(String(decoding: try DKIMCommand.readFile(txtFile ?? ""), as: UTF8.self))
            let results = DKIMVerifier().verify(message) { keys.lookUp($0) }
            for fragment in AuthenticationResults.dkimFragments(results) { print(fragment) }
            if results.contains(where: { $0.result == .pass }) { return }
            let why = results.first.map { "\($0.result.rawValue)" + ($0.reason.map { ": \($0)" } ?? "") } ?? "no DKIM signature"
            FileHandle.standardError.write(Data("postino: DKIM verification failed (\(why))\n".utf8))
            throw ExitCode(2)
        }
    }

    /// The domain as the directory knows it; commands refuse domains it does not have.
    static func directoryDomain(_ name: String, _ global: GlobalOptions) throws -> String {
        try global.administration().domain(name).name
    }

    static func keyStore(_ global: GlobalOptions) -> DKIMKeyStore {
        DKIMKeyStore(directory: global.dataDirectory.dkim)
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        return [UInt8](data)
    }
}

/// Key records written down for offline checks: zone-file lines
/// (`NAME [TTL] [IN] TXT "…" "…"`), or one bare record value that serves every name.
struct KeyRecordFile {
    var byName: [String: [String]] = [:]
    var anyName: [String] = []

    func lookUp(_ name: String) -> DKIMKeyLookup {
        var key = name.lowercased()
        while key.hasSuffix(".") { key.removeLast() }
        if let records = byName[key] { return .records(records) }
        return anyName.isEmpty ? .notFound : .records(anyName)
    }

    static func parse(_ text: String) throws -> KeyRecordFile {
        var file = KeyRecordFile()
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
            guard let firstQuote = line.firstIndex(of: "\"") else {
                file.anyName.append(line)
                continue
            }
            var name = String(line.prefix { !$0.isWhitespace }).lowercased()
            while name.hasSuffix(".") { name.removeLast() }
            guard line[..<firstQuote].contains(where: \.isWhitespace) else { throw CLIError("--txt-file: no record name in \"\(line)\"") }
            file.byName[name, default: []].append(try characterStrings(line[firstQuote...]).joined())
        }
        return file
    }

    /// The quoted character-strings of a zone-file line, with `\"`, `\\` and `\DDD`
    /// escapes (RFC 1035 §5.1) undone.
    private static func characterStrings(_ text: Substring) throws -> [String] {
        var strings: [String] = []
        var bytes = Array(text.utf8)[...]
        while let start = bytes.firstIndex(of: 0x22) {
            var current: [UInt8] = []
            var i = start + 1
            var closed = false
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == 0x22 { closed = true; break }
                if b == 0x5C, i + 1 < bytes.endIndex {
                    if i + 3 < bytes.endIndex, bytes[(i + 1)...(i + 3)].allSatisfy({ (0x30...0x39).contains($0) }),
                       let value = UInt8(String(decoding: bytes[(i + 1)...(i + 3)], as: UTF8.self)) {
                        current.append(value)
                        i += 4
                    } else {
                        current.append(bytes[i + 1])
                        i += 2
                    }
                    continue
                }
                current.append(b)
                i += 1
            }
            guard closed else { throw CLIError("--txt-file: unterminated quoted string") }
            strings.append(String(decoding: current, as: UTF8.self))
            bytes = bytes[(i + 1)...]
        }
        return strings
    }
}
