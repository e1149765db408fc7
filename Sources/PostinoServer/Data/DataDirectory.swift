import Foundation

/// The one directory that holds everything a Postino server owns (ARCHITECTURE.md,
/// "Data directory"). Created with its layout on first use.
public struct DataDirectory: Sendable {
    public let root: URL

    /// `--data DIR`, else `$POSTINO_DATA`, else `./postino-data`.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataDirectory {
        let path = explicit ?? environment["POSTINO_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "postino-data"
        return DataDirectory(root: URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    public init(root: URL) {
        self.root = root
    }

    public var databaseFile: URL { root.appendingPathComponent("postino.sqlite") }
    public var spool: URL { root.appendingPathComponent("spool", isDirectory: true) }
    public var mail: URL { root.appendingPathComponent("mail", isDirectory: true) }
    public var publicMail: URL { mail.appendingPathComponent("public", isDirectory: true) }
    public var sieve: URL { root.appendingPathComponent("sieve", isDirectory: true) }
    public var tls: URL { root.appendingPathComponent("tls", isDirectory: true) }
    public var dkim: URL { root.appendingPathComponent("dkim", isDirectory: true) }
    public var log: URL { root.appendingPathComponent("log", isDirectory: true) }
    public var mailLog: URL { log.appendingPathComponent("maillog") }
    public var accessLog: URL { log.appendingPathComponent("access") }
    public var certificateFile: URL { tls.appendingPathComponent("cert.pem") }
    public var privateKeyFile: URL { tls.appendingPathComponent("key.pem") }

    /// True when the directory holds no database yet: the first start.
    public var isFresh: Bool { !FileManager.default.fileExists(atPath: databaseFile.path) }

    /// The root and the directories of its layout.
    public var layoutDirectories: [URL] { [root, spool, mail, publicMail, sieve, tls, dkim, log] }

    /// Creates the root and every subdirectory, and tightens wider modes found there
    /// (`DataDirectoryPermissions.tighten`). Mail, keys and the database are private to
    /// the server's user: directories 0700, files 0600 (the process umask is 077).
    /// Returns one line per mode tightened, for the caller to log.
    @discardableResult
    public func prepare() throws -> [String] {
        DataDirectoryPermissions.restrictProcessUmask()
        for dir in layoutDirectories {
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw DataDirectoryError("cannot create \(dir.path): \(error.localizedDescription)")
            }
        }
        return DataDirectoryPermissions.tighten(self)
    }
}

public struct DataDirectoryError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
