/// One complete command as received: its lines and the literals they announced.
///
/// `bytes` holds the command as sent, the final CRLF removed; every literal appears inline
/// after its marker and a CRLF (`{5}\r\nhello`), and `literals` says where each one's data
/// lies, so the parser never rescans literal data and an APPEND message can be handed on
/// as a slice of `bytes` without copying.
public struct IMAPCommandFrame: Hashable, Sendable {
    /// A literal's data in `bytes`.
    public struct Literal: Hashable, Sendable {
        public let range: Range<Int>
        /// `~{n}` (RFC 3516): may contain NUL.
        public let isBinary: Bool
        /// `{n}` (the client waited for a continuation) rather than `{n+}` (RFC 7888).
        public let isSynchronizing: Bool
        /// Set when the reader handed the octets out (`.literalData`) instead of keeping
        /// them: `range` is then empty.
        public let spilled: IMAPSpilledLiteral?

        init(range: Range<Int>, isBinary: Bool, isSynchronizing: Bool, spilled: IMAPSpilledLiteral? = nil) {
            self.range = range
            self.isBinary = isBinary
            self.isSynchronizing = isSynchronizing
            self.spilled = spilled
        }
    }

    public let bytes: [UInt8]
    public let literals: [Literal]

    public init(bytes: [UInt8], literals: [Literal]) {
        self.bytes = bytes
        self.literals = literals
    }

    /// The tag, when the command starts with one.
    public var tag: String? { IMAPCommandHeader(firstLine: bytes[...]).tag }

    /// The literal whose data starts at `offset`.
    func literal(startingAt offset: Int) -> Literal? {
        var low = 0, high = literals.count
        while low < high {
            let mid = (low + high) / 2
            let start = literals[mid].range.lowerBound
            if start == offset { return literals[mid] }
            if start < offset { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}

/// A large APPEND literal the reader did not keep in the frame: its octets were handed out
/// as they arrived (`IMAPCommandReader.Event.literalData`), for the server to write to a
/// file. `index` counts the spilled literals of one command from 0, in order.
public struct IMAPSpilledLiteral: Hashable, Sendable {
    public let index: Int
    public let size: Int

    public init(index: Int, size: Int) {
        self.index = index
        self.size = size
    }
}

/// The tag and command name read from the start of a command, before it is complete,
/// so that errors found while framing can be answered with the right tag.
struct IMAPCommandHeader: Hashable, Sendable {
    var tag: String?
    /// Upper case; "UID FETCH" for UID commands.
    var command: String?

    init(firstLine line: ArraySlice<UInt8>) {
        let words = line.prefix(200).split(separator: IMAPCharacterClass.space, maxSplits: 3, omittingEmptySubsequences: false)
        guard let first = words.first, !first.isEmpty, first.allSatisfy(IMAPCharacterClass.isTagChar) else {
            tag = nil
            command = nil
            return
        }
        tag = String(decoding: first, as: UTF8.self)
        guard words.count > 1, !words[1].isEmpty, words[1].count <= 20,
              words[1].allSatisfy(IMAPCharacterClass.isAtomChar) else {
            command = nil
            return
        }
        var name = IMAPCharacterClass.uppercased(words[1])
        if name == "UID", words.count > 2, !words[2].isEmpty, words[2].count <= 20,
           words[2].allSatisfy(IMAPCharacterClass.isAtomChar) {
            name += " " + IMAPCharacterClass.uppercased(words[2])
        }
        command = name
    }

    var isAppend: Bool { command == "APPEND" }
}

/// A literal announcement at the end of a line: `{n}`, `{n+}`, `~{n}`, `~{n+}`.
struct IMAPLiteralMarker: Hashable, Sendable {
    /// Announced size; nil when the number is too large to represent.
    var size: UInt64?
    var isSynchronizing: Bool
    var isBinary: Bool
    /// Where the marker starts in the line.
    var start: Int

    /// The marker that ends `line` (without its line break), if any.
    static func find(in line: ArraySlice<UInt8>) -> IMAPLiteralMarker? {
        guard let last = line.last, last == IMAPCharacterClass.closeBrace else { return nil }
        var i = line.endIndex - 1
        var isSynchronizing = true
        if i > line.startIndex, line[i - 1] == IMAPCharacterClass.plus {
            isSynchronizing = false
            i -= 1
        }
        let digitsEnd = i
        while i > line.startIndex, IMAPCharacterClass.isDigit(line[i - 1]) { i -= 1 }
        let digitsStart = i
        guard digitsStart < digitsEnd, i > line.startIndex, line[i - 1] == IMAPCharacterClass.openBrace else { return nil }
        i -= 1
        var isBinary = false
        if i > line.startIndex, line[i - 1] == IMAPCharacterClass.tilde {
            isBinary = true
            i -= 1
        }
        let size = IMAPNumberParsing.number64(line[digitsStart..<digitsEnd])
        return IMAPLiteralMarker(size: size, isSynchronizing: isSynchronizing, isBinary: isBinary, start: i)
    }
}
