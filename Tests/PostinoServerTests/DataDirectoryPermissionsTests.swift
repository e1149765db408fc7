import Foundation
import Testing
@testable import PostinoServer

/// Issue 23, finding 2: the data directory and what is in it are private to the server.
@Suite struct DataDirectoryPermissionsTests {
    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    private func chmod(_ url: URL, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    @Test func widerModesAreTightenedNarrowerOnesKept() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-perm-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: false)
        try chmod(root, 0o755)
        let data = DataDirectory(root: root)
        let first = try data.prepare()
        #expect(first == ["tightened permissions of \(root.path) from 0755 to 0700"])
        #expect(try mode(root) == 0o700 && mode(data.spool) == 0o700 && mode(data.publicMail) == 0o700)

        for (url, wide) in [(data.databaseFile, 0o644), (URL(fileURLWithPath: data.databaseFile.path + "-wal"), 0o664),
                            (data.privateKeyFile, 0o640), (data.certificateFile, 0o666), (data.mailLog, 0o644)] {
            #expect(FileManager.default.createFile(atPath: url.path, contents: Data()))
            try chmod(url, wide)
        }
        #expect(FileManager.default.createFile(atPath: data.accessLog.path, contents: Data()))
        try chmod(data.accessLog, 0o600)  // narrower than 0640: the administrator's choice
        try chmod(data.mail, 0o711)
        let lines = try data.prepare()
        #expect(lines.count == 6)
        #expect(try mode(data.databaseFile) == 0o600)
        #expect(try mode(URL(fileURLWithPath: data.databaseFile.path + "-wal")) == 0o600)
        #expect(try mode(data.privateKeyFile) == 0o600)
        #expect(try mode(data.certificateFile) == 0o644)
        #expect(try mode(data.mailLog) == 0o640)
        #expect(try mode(data.accessLog) == 0o600)
        #expect(try mode(data.mail) == 0o700)
        #expect(try data.prepare().isEmpty)  // nothing left to do
    }

    @Test func newLogsAreGroupReadableDespiteTheUmask() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-perm-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = DataDirectory(root: root)
        try data.prepare()
        _ = try ServerLogs(dataDirectory: data, hostname: "mx.example.test", toStandardOutput: false)
        #expect(try mode(data.mailLog) == 0o640 && mode(data.accessLog) == 0o640)
    }
}
