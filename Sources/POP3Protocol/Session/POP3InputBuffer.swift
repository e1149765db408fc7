/// Octets received but not yet used, cut into command lines. Pipelined commands wait here
/// while the session waits for the server, and are dropped wholesale at STLS.
struct POP3InputBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var readIndex = 0
    /// Where the LF search resumes, so that a line trickling in is scanned once.
    private var scanIndex = 0
    /// Inside a line already known to be too long: its octets are dropped up to the LF.
    private var skippingLongLine = false

    enum Line: Equatable {
        /// The line without its CRLF (a bare LF is accepted too).
        case line([UInt8])
        /// Longer than the limit; skipped up to and including its LF.
        case tooLong
        case needMore
    }

    var unreadCount: Int { bytes.count - readIndex }

    mutating func append(_ new: [UInt8]) {
        if unreadCount == 0 {
            bytes.removeAll(keepingCapacity: bytes.capacity <= 16 * 1024)
            readIndex = 0
            scanIndex = 0
        }
        bytes.append(contentsOf: new)
    }

    mutating func removeAll() {
        bytes = []
        readIndex = 0
        scanIndex = 0
        skippingLongLine = false
    }

    /// The next complete line. `limit(firstOctets)` is the longest line allowed (CRLF
    /// included) given how it starts, so that credential lines may be longer than commands.
    mutating func nextLine(limit: (ArraySlice<UInt8>) -> Int) -> Line {
        var lf: Int?
        while scanIndex < bytes.count {
            if bytes[scanIndex] == 0x0A {
                lf = scanIndex
                break
            }
            scanIndex += 1
        }
        guard let lf else {
            if skippingLongLine || unreadCount > limit(bytes[readIndex...]) {
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
            let end = lf > start && bytes[lf - 1] == 0x0D ? lf - 1 : lf
            result = .line(Array(bytes[start..<end]))
        }
        skippingLongLine = false
        consume(length)
        return result
    }

    private mutating func consume(_ count: Int) {
        readIndex += count
        scanIndex = max(scanIndex, readIndex)
        if readIndex >= 16 * 1024 && readIndex * 2 >= bytes.count {
            bytes.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }
}
