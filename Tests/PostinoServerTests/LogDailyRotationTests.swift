import Foundation
import Synchronization
import Testing
@testable import PostinoServer

/// Issue 17: a log file rotates on its first line of a new local day, whatever its size;
/// the clock is injected so the day change happens in the test, not at midnight.
@Suite struct LogDailyRotationTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let now: Mutex<Date>
        init(_ start: Date) { now = Mutex(start) }
        func read() -> Date { now.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// 23:59:50 local time (`LogRotation.day` counts local days, as the log's time stamps do).
    private static let beforeMidnight = Calendar.current.date(
        from: DateComponents(year: 2026, month: 12, day: 7, hour: 23, minute: 59, second: 50))!

    private func directory() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-daily-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: false)
        return root
    }

    private func rotated(_ root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix("maillog-") }.sorted()
    }

    @Test func rotatesOnTheFirstLineOfANewDay() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("maillog")
        let clock = ManualClock(Self.beforeMidnight)
        let sink = try LogSink(appendingTo: log, rotation: LogRotation(maxSize: 1 << 20, keep: 14), clock: clock.read)
        sink.write(line: "monday 1")
        clock.advance(5)  // 23:59:55, the same day: no rotation
        sink.write(line: "monday 2")
        LogRotation.queue.sync {}
        #expect(try rotated(root).isEmpty)

        clock.advance(10)  // 00:00:05 the next day
        sink.write(line: "tuesday 1")
        sink.write(line: "tuesday 2")
        LogRotation.queue.sync {}  // compression done
        let names = try rotated(root)
        #expect(names.count == 1)
        // Named by the time of the rotation (the new day), compressed.
        #expect(names.first?.hasPrefix("maillog-20261208-000005.") == true)
        #expect(names.first?.hasSuffix(".gz") == true)
        #expect(try String(contentsOf: log, encoding: .utf8) == "tuesday 1\ntuesday 2\n")
        #expect(try gunzip(root.appendingPathComponent(names[0])) == "monday 1\nmonday 2\n")
    }

    @Test func anEmptyFileIsNotRotatedAtTheDayChange() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("maillog")
        let clock = ManualClock(Self.beforeMidnight)
        let sink = try LogSink(appendingTo: log, rotation: LogRotation(maxSize: 1 << 20, keep: 14), clock: clock.read)
        clock.advance(86_400)
        sink.write(line: "first line ever")
        LogRotation.queue.sync {}
        #expect(try rotated(root).isEmpty)
        #expect(try String(contentsOf: log, encoding: .utf8) == "first line ever\n")
    }

    @Test func aFileWithoutRotationSettingsNeverRotates() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.appendingPathComponent("maillog")
        let clock = ManualClock(Self.beforeMidnight)
        let sink = try LogSink(appendingTo: log, clock: clock.read)
        sink.write(line: "one")
        clock.advance(86_400)
        sink.write(line: "two")
        LogRotation.queue.sync {}
        #expect(try rotated(root).isEmpty)
        #expect(try String(contentsOf: log, encoding: .utf8) == "one\ntwo\n")
    }

    private func gunzip(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
