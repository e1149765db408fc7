import Directory
import Foundation
@testable import Administration

/// An administration over a private in-memory directory, with spool and DKIM directories
/// in a fresh temporary directory.
func makeAdministration() throws -> Administration {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-admin-\(UUID().uuidString)")
    // The data directory's layout exists before any command runs (DataDirectory.prepare).
    try FileManager.default.createDirectory(at: root.appendingPathComponent("spool"), withIntermediateDirectories: true)
    return Administration(directory: try DirectoryStore.inMemory(),
                          spoolDirectory: root.appendingPathComponent("spool"),
                          dkimDirectory: root.appendingPathComponent("dkim"))
}

/// The error `body` throws, as an `AdminError`, or nil.
func adminError(_ body: () throws -> Void) -> AdminError? {
    do {
        try body()
        return nil
    } catch let error as AdminError {
        return error
    } catch {
        return AdminError(.internal, "not an AdminError: \(error)")
    }
}
