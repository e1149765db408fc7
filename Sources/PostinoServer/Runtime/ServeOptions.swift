/// What `postino serve` was asked to do.
public struct ServeOptions: Sendable {
    public var dataDirectory: DataDirectory
    public var listenOverrides: [String]
    public var logToStandardOutput: Bool

    public init(dataDirectory: DataDirectory, listenOverrides: [String], logToStandardOutput: Bool) {
        self.dataDirectory = dataDirectory
        self.listenOverrides = listenOverrides
        self.logToStandardOutput = logToStandardOutput
    }
}
