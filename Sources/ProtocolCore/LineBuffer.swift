/// A line protocol's read-ahead buffer: octets received but not yet used, cut into command
/// lines or taken raw (SMTP's DATA/BDAT octets, ManageSieve's literals). Owning the framing
/// in the pure session is what lets a protocol switch between lines and raw octets at the
/// exact octet, and drop plaintext pipelined before STARTTLS took effect. SMTP, POP3 and
/// ManageSieve each keep their own limits and pass them in.
public struct LineBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var readIndex = 0
    /// Where the LF search resumes, so that a line trickling in is scanned once.
    private var scanIndex = 0
    /// Inside a line already known to be too long: its octets are dropped up to the LF…
    private var skippingLongLine = false
    /// …except the last few, so a protocol can see how the line ended (a literal marker).
    private var skippedTail: [UInt8] = []
    private static let tailLength = 16
    /// Consumed octets are dropped from the front once there are this many; an emptied
    /// buffer keeps its storage only up to this size.
    private let compactionThreshold: Int

    public enum Line: Equatable, Sendable {
        /// The line without its CRLF (a bare LF is accepted too).
        case line([UInt8])
        /// Longer than the limit and skipped up to and including its LF; its last octets,
        /// without CRLF.
        case tooLong(tail: [UInt8])
        case needMore
    }

    public init(compactionThreshold: Int = 64 * 1024) {
        self.compactionThreshold = compactionThreshold
    }

    public var unreadCount: Int { bytes.count - readIndex }
    public var isEmpty: Bool { unreadCount == 0 }
    public var unread: ArraySlice<UInt8> { bytes[readIndex...] }

    public mutating func append(_ new: [UInt8]) {
        if isEmpty {
            bytes.removeAll(keepingCapacity: bytes.capacity <= compactionThreshold)
            readIndex = 0
            scanIndex = 0
        }
        bytes.append(contentsOf: new)
    }

    /// Forgets everything, unread octets included (STARTTLS, a closed session).
    public mutating func removeAll() {
        bytes = []
        readIndex = 0
        scanIndex = 0
        skippingLongLine = false
        skippedTail = []
    }

    /// The next complete line if it is at most `limit` octets with its CRLF.
    public mutating func nextLine(limit: Int) -> Line {
        nextLine { _ in limit }
    }

    /// The next complete line. `limit(firstOctets)` is the longest line allowed (CRLF
    /// included) given how it starts, so that credential lines may be longer than commands.
    public mutating func nextLine(limit: (ArraySlice<UInt8>) -> Int) -> Line {
        var lf: Int?
        while scanIndex < bytes.count {
            if bytes[scanIndex] == 0x0A {
                lf = scanIndex
                break
            }
            scanIndex += 1
        }
        guard let lf else {
            if skippingLongLine || unreadCount > limit(unread) {
                // Keep no more than the limit in memory: drop now, report at the LF.
                skippingLongLine = true
                keepTail(unread)
                consume(unreadCount)
            }
            return .needMore
        }
        let start = readIndex
        let length = lf + 1 - start
        let result: Line
        if skippingLongLine || length > limit(bytes[start...lf]) {
            keepTail(bytes[start..<lf])
            var tail = skippedTail
            if tail.last == 0x0D { tail.removeLast() }
            result = .tooLong(tail: tail)
        } else {
            let end = lf > start && bytes[lf - 1] == 0x0D ? lf - 1 : lf
            result = .line(Array(bytes[start..<end]))
        }
        skippingLongLine = false
        skippedTail = []
        consume(length)
        return result
    }

    /// Up to `count` octets, as they are available.
    public mutating func take(upTo count: Int) -> [UInt8] {
        let n = min(max(0, count), unreadCount)
        let taken = Array(bytes[readIndex..<(readIndex + n)])
        consume(n)
        return taken
    }

    /// Marks `count` unread octets as used (after a decoder read them from `unread`).
    public mutating func consume(_ count: Int) {
        readIndex += count
        scanIndex = max(scanIndex, readIndex)
        if readIndex >= compactionThreshold && readIndex * 2 >= bytes.count {
            bytes.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    private mutating func keepTail(_ dropped: ArraySlice<UInt8>) {
        skippedTail += dropped.suffix(Self.tailLength)
        if skippedTail.count > Self.tailLength { skippedTail.removeFirst(skippedTail.count - Self.tailLength) }
    }
}
