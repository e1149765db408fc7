import ArgumentParser
import Directory
import Foundation
import PostinoServer

/// `--data DIR`, which every command takes (`$POSTINO_DATA` is the same).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data directory (default $POSTINO_DATA or ./postino-data).", valueName: "DIR"))
    var data: String?

    var dataDirectory: DataDirectory { DataDirectory.resolve(explicit: data) }

    /// Opens (creating on first use) the data directory and its database.
    func openDirectory() throws -> DirectoryStore {
        let dir = dataDirectory
        for change in try dir.prepare() {
            FileHandle.standardError.write(Data("postino: warning: \(change)\n".utf8))
        }
        return try DirectoryStore(path: dir.databaseFile.path)
    }
}

/// `--json` for list commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false
}
