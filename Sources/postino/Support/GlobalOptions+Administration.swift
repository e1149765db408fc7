import Administration

extension GlobalOptions {
    /// The administration layer over the data directory (opened, and created on first use).
    func administration() throws -> Administration {
        let dir = dataDirectory
        return Administration(directory: try openDirectory(), spoolDirectory: dir.spool, dkimDirectory: dir.dkim)
    }
}
