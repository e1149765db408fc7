import CZlib
import Dispatch
import Foundation

/// When a log file is rotated and how many old ones are kept (`log.rotate_size`,
/// `log.keep`). A file is rotated when it reaches `maxSize` or on the first line of a new
/// local day: renamed to `NAME-YYYYMMDD-HHMMSS.ffffff` (names sort by age), then
/// gzip-compressed to `….gz` in the background; the oldest beyond `keep` are deleted.
public struct LogRotation: Sendable {
    public var maxSize: Int64
    public var keep: Int

    public init(maxSize: Int64, keep: Int) {
        self.maxSize = maxSize
        self.keep = keep
    }

    /// Compression and clean-up of every log, one file at a time.
    static let queue = DispatchQueue(label: "postino-log-rotation")

    /// The rotated name of `url` at `date`.
    static func rotatedURL(_ url: URL, at date: Date) -> URL {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        let micros = Int((date.timeIntervalSince1970 - Double(seconds)) * 1_000_000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d.%06d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                           Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
        return url.deletingLastPathComponent().appendingPathComponent("\(url.lastPathComponent)-\(stamp)")
    }

    /// The local day of `date` as a number (20261207), to notice midnight.
    static func day(_ date: Date) -> Int {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900) * 10_000 + (Int(parts.tm_mon) + 1) * 100 + Int(parts.tm_mday)
    }

    /// Compresses a rotated file (then removes it) and deletes the oldest rotated files of
    /// `log` beyond `keep`. Failures go to stderr: the log itself is still being written.
    func finish(rotated: URL, of log: URL) {
        let keep = self.keep
        Self.queue.async {
            // Several rotations in a burst: an older one may already be pruned.
            guard FileManager.default.fileExists(atPath: rotated.path) else { return Self.prune(log, keep: keep) }
            if let problem = Self.gzip(rotated) {
                FileHandle.standardError.write(Data("postino: cannot compress \(rotated.path): \(problem)\n".utf8))
            }
            Self.prune(log, keep: keep)
        }
    }

    static func prune(_ log: URL, keep: Int) {
        let directory = log.deletingLastPathComponent()
        let prefix = log.lastPathComponent + "-"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix(prefix) }.sorted()
        for name in names.dropLast(keep) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// `file` → `file.gz` (mode 0640 like the logs), the original removed; nil or the problem.
    static func gzip(_ file: URL) -> String? {
        guard let input = FileHandle(forReadingAtPath: file.path) else { return "cannot open it" }
        defer { try? input.close() }
        let target = file.path + ".gz"
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, DataDirectoryPermissions.logFileMode)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        guard let gz = gzdopen(fd, "wb6") else { close(fd); return "gzdopen failed" }
        var failed: String?
        while failed == nil {
            let chunk: Data
            do { chunk = try input.read(upToCount: 1 << 20) ?? Data() } catch { failed = "\(error)"; break }
            if chunk.isEmpty { break }
            let written = chunk.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
            if written != Int32(chunk.count) { failed = "write failed" }
        }
        if gzclose(gz) != Z_OK, failed == nil { failed = "close failed" }
        if let failed {
            unlink(target)
            return failed
        }
        unlink(file.path)
        return nil
    }
}
