/// What a virus scan found.
public enum VirusScanResult: Sendable, Hashable {
    case clean
    /// The signature name (ClamAV's `.UNOFFICIAL` suffix removed).
    case infected(String)
}

/// A virus scanner the antivirus stage talks to (clamd in production, a fake in unit
/// tests). `scan` streams the message; it throws when the scanner cannot answer.
public protocol VirusScanner: Sendable {
    func scan(_ read: (([UInt8]) throws -> Bool) throws -> Void) throws -> VirusScanResult
    /// The engine and database version (`ClamAV 1.4.6/27000/…`).
    func version() throws -> String
}

public struct VirusScannerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
