/// The session's read-ahead buffer: octets received but not yet used, cut into lines for
/// commands and handed raw to the DATA/BDAT readers. Owning the framing in the session is
/// what lets it switch between lines and message octets at the exact octet, and discard
/// plaintext pipelined after STARTTLS.
struct SMTPInputBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var readIndex = 0
    /// Where the LF search resumes, so that a line trickling in is scanned once.
    private var scanIndex = 0
    /// Inside a line already reported too long: skip up to its LF.
    private var skippingLongLine = false

    enum Line: Equatable {
        /// The line without CRLF (or bare LF, accepted in commands).
        case line([UInt8])
        /// Longer than the limit; it has been skipped up to and including its LF.
        case tooLong
        case needMore
    }

    var unreadCount: Int { bytes.count - readIndex }
    var isEmpty: Bool { unreadCount == 0 }
    var unread: ArraySlice<UInt8> { bytes[readIndex...] }

    mutating func append(_ new: [UInt8]) {
        if isEmpty {
            bytes.removeAll(keepingCapacity: bytes.capacity <= 64 * 1024)
            readIndex = 0
            scanIndex = 0
        }
        bytes.append(contentsOf: new)
    }

    mutating func consume(_ count: Int) {
        readIndex += count
        scanIndex = max(scanIndex, readIndex)
        if readIndex >= 64 * 1024 && readIndex * 2 >= bytes.count {
            bytes.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    mutating func removeAll() {
        bytes = []
        readIndex = 0
        scanIndex = 0
        skippingLongLine = false
    }

    /// The next line if complete. `limit` gives the maximum length (CRLF included) for a
    /// line given its first octets, so AUTH lines can be longer.
    mutating func nextLine(limit: (ArraySlice<UInt8>) -> Int) -> Line {
        var lf: Int? = nil
        while scanIndex < bytes.count {
            if bytes[scanIndex] == 0x0A { lf = scanIndex; break }
            scanIndex += 1
        }
        guard let lf else {
            if skippingLongLine {
                consume(unreadCount)
            } else if unreadCount > limit(unread) {
                // Keep no more than the limit in memory: drop now, report at the LF.
                skippingLongLine = true
                consume(unreadCount)
            }
            return .needMore
        }
        let start = readIndex
        let length = lf + 1 - start
        let result: Line
        if skippingLongLine || length > limit(bytes[start...lf]) {
            result = .tooLong
        } else {
            var end = lf
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            result = .line(Array(bytes[start..<end]))
        }
        skippingLongLine = false
        consume(length)
        return result
    }
}
