import Foundation

/// Times in rows: ISO 8601 in UTC (`2026-12-06T21:37:16Z`).
enum AdminTime {
    static func iso8601(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
