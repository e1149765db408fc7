import Foundation

extension Administration {
    /// The services of the running `serve` and where they listen, as it recorded them in
    /// `serve-state.json` (the data directory is the spool directory's parent); empty
    /// when no server has recorded its listeners.
    public func services() -> [ServeState.Listener] {
        ServeState.read(dataDirectory: spoolDirectory.deletingLastPathComponent())?.listeners ?? []
    }
}
