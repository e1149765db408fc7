/// Octets received but not yet used: cut into lines for command text, or taken raw for
/// literals. Owning the framing lets the session switch between lines and literal octets at
/// the exact octet, and drop plaintext pipelined after STARTTLS.
struct ManageSieveInputBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var readIndex = 0
    /// Where the LF search resumes, so that a line trickling in is scanned once.
    private var scanIndex = 0
    /// Inside a line already known to be too long: its octets are dropped up to the LF…
    private var skippingLongLine = false
    /// …except the last few, to see whether the line ended with a literal marker.
    private var skippedTail: [UInt8] = []
    private static let tailLength = 16

    enum Line: Equatable {
        /// The line without CRLF (a bare LF is accepted too).
        case line([UInt8])
        /// Longer than the limit and skipped up to its LF; its last octets without CRLF.
        case tooLong(tail: [UInt8])
        case needMore
    }

    var unreadCount: Int { bytes.count - readIndex }

    mutating func append(_ new: [UInt8]) {
        if unreadCount == 0 {
            bytes.removeAll(keepingCapacity: bytes.capacity <= 64 * 1024)
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
        skippedTail = []
    }

    /// The next complete line if it is at most `limit` octets with its CRLF.
    mutating func nextLine(limit: Int) -> Line {
        var lf: Int?
        while scanIndex < bytes.count {
            if bytes[scanIndex] == 0x0A {
                lf = scanIndex
                break
            }
            scanIndex += 1
        }
        guard let lf else {
            if skippingLongLine || unreadCount > limit {
                // Keep no more than the limit in memory: drop now, report at the LF.
                skippingLongLine = true
                keepTail(bytes[readIndex...])
                consume(unreadCount)
            }
            return .needMore
        }
        let start = readIndex
        let length = lf + 1 - start
        let end = lf > start && bytes[lf - 1] == 0x0D ? lf - 1 : lf
        let result: Line
        if skippingLongLine || length > limit {
            keepTail(bytes[start..<lf])
            var tail = skippedTail
            if tail.last == 0x0D { tail.removeLast() }
            result = .tooLong(tail: tail)
        } else {
            result = .line(Array(bytes[start..<end]))
        }
        skippingLongLine = false
        skippedTail = []
        consume(length)
        return result
    }

    /// Up to `count` octets, as they are available.
    mutating func take(upTo count: Int) -> [UInt8] {
        let n = min(max(0, count), unreadCount)
        let taken = Array(bytes[readIndex..<(readIndex + n)])
        consume(n)
        return taken
    }

    private mutating func keepTail(_ dropped: ArraySlice<UInt8>) {
        skippedTail += dropped.suffix(Self.tailLength)
        if skippedTail.count > Self.tailLength { skippedTail.removeFirst(skippedTail.count - Self.tailLength) }
    }

    private mutating func consume(_ count: Int) {
        readIndex += count
        scanIndex = max(scanIndex, readIndex)
        if readIndex >= 64 * 1024 && readIndex * 2 >= bytes.count {
            bytes.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }
}
