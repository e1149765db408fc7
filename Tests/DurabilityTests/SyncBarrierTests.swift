import Durability
import Foundation
import Testing

@Suite("Sync barrier and durable files")
struct SyncBarrierTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("postino-dur-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func concurrentCallersShareRounds() async throws {
        let dir = try temporaryDirectory()
        let barrier = try FileSystemSyncBarrier(directories: [dir, dir])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<64 {
                group.addTask {
                    try DurableFile.create(dir.path + "/f\(i)", bytes: Array(repeating: UInt8(i), count: 100))
                    try await barrier.sync()
                }
            }
            try await group.waitForAll()
        }
        // Every caller was released, and they did not need one round each.
        #expect(barrier.rounds >= 1)
        #expect(barrier.rounds < 64)
        barrier.stop()
        await #expect(throws: FileSystemError.self) { try await barrier.sync() }
    }

    @Test func createIsExclusiveAndReadReturnsTheBytes() throws {
        let dir = try temporaryDirectory()
        let path = dir.path + "/a"
        try DurableFile.create(path, bytes: Array("hello".utf8))
        #expect(throws: FileSystemError.self) { try DurableFile.create(path, bytes: [1]) }
        #expect(try DurableFile.read(path) == Array("hello".utf8))
        #expect(DurableFile.size(path) == 5)
        #expect(DurableFile.list(dir.path) == ["a"])
        try DurableFile.remove(path)
        try DurableFile.remove(path)  // missing is fine
        #expect(!DurableFile.exists(path))
    }

    @Test func durableWriteReplacesAtomically() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("key.pem")
        try DurableFile.write(Data("one".utf8), to: url, permissions: 0o600)
        try DurableFile.write(Data("two".utf8), to: url, permissions: 0o600)
        #expect(try DurableFile.read(url.path) == Array("two".utf8))
        #expect(DurableFile.list(dir.path) == ["key.pem"])
    }

    @Test func makeDirectoriesIsIdempotent() throws {
        let dir = try temporaryDirectory()
        try DurableFile.makeDirectories(dir.path + "/a/b/c")
        try DurableFile.makeDirectories(dir.path + "/a/b/c")
        #expect(DurableFile.exists(dir.path + "/a/b/c"))
    }
}
