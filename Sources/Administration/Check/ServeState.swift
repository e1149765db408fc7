import Foundation

/// What a running `postino serve` writes into its data directory for the CLI: where each
/// service listens, and the values of the settings read only at start (so that the next
/// start can log which pending changes it applied). `postino check` reads it.
public struct ServeState: Codable, Sendable, Hashable {
    public struct Listener: Codable, Sendable, Hashable {
        public var service: String
        public var host: String
        public var port: Int
        /// `listening`, `off` (its setting is off) or `failed`.
        public var state: String

        public init(service: String, host: String, port: Int, state: String) {
            self.service = service
            self.host = host
            self.port = port
            self.state = state
        }
    }

    public var pid: Int32
    public var started: Date
    public var listeners: [Listener]
    /// `SettingKey.appliedAtStart` values in force since `started`.
    public var settings: [String: String]

    public init(pid: Int32, started: Date, listeners: [Listener], settings: [String: String]) {
        self.pid = pid
        self.started = started
        self.listeners = listeners
        self.settings = settings
    }

    /// `serve-state.json` in the data directory root.
    public static let fileName = "serve-state.json"

    public static func read(dataDirectory: URL) -> ServeState? {
        guard let data = try? Data(contentsOf: dataDirectory.appendingPathComponent(fileName)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(ServeState.self, from: data)
    }

    /// Written atomically (temporary file and rename): the CLI never reads half of it.
    public func write(dataDirectory: URL) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: dataDirectory.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
