import Crypto
import MailCore

/// A message as the spam checks see it: parsed once, with the header fields Postino
/// added left out, the text parts decoded (transfer encoding and charset), HTML turned
/// into text, and every URL found. Built by `SpamMessage(bytes:identity:)`; the tokenizer,
/// the rules and the learn-once digest all read this one view.
public struct SpamMessage: Sendable {
    public let message: Message
    /// Header fields of the top-level message, ours excluded, in order: (name, unfolded
    /// raw value, decoded value).
    public let fields: [(name: String, raw: String, decoded: String)]
    /// Decoded text/plain parts, joined.
    public let plainText: String
    /// Raw (decoded) HTML source of text/html parts, joined.
    public let htmlSource: String
    /// Visible text of the HTML parts.
    public let htmlText: String
    /// Counts from the HTML parts.
    let html: HTMLText
    /// Every distinct URL in the text and the HTML links (as written), in order.
    public let urls: [String]
    /// Every leaf part (not multipart containers).
    public let leaves: [MIMEPart]
    /// Byte ranges of the header fields we added (left out of the digest).
    let ownRanges: [Range<Int>]

    /// SHA-256 (hex) of the message without our header fields and without CRs: the
    /// learn-once key (computed when asked: scans do not need it).
    public var digest: String { Self.digest(message.bytes, excluding: ownRanges) }

    public init(bytes input: [UInt8], identity: LocalIdentity = LocalIdentity()) {
        let bytes = Self.droppingMboxLine(input)
        let message = Message(bytes: bytes)
        self.message = message
        var fields: [(name: String, raw: String, decoded: String)] = []
        var ownRanges: [Range<Int>] = []
        for field in message.header.fields {
            let raw = field.unfoldedValue
            if identity.isOwn(name: field.name, value: raw) {
                ownRanges.append(field.range)
                continue
            }
            fields.append((field.name, raw, field.decodedValue))
        }
        self.fields = fields
        self.ownRanges = ownRanges

        var plain: [String] = []
        var htmlParts: [String] = []
        var leaves: [MIMEPart] = []
        for part in message.allParts {
            guard case .single = part.content else { continue }
            leaves.append(part)
            let isAttachment = part.contentDisposition?.type == "attachment"
            guard part.contentType.type == "text", !isAttachment || part.contentType.subtype == "html" else { continue }
            let text = part.decodedText()
            if part.contentType.subtype == "html" {
                htmlParts.append(text)
            } else if part.contentType.subtype == "plain" || part.contentType.subtype == "enriched" {
                plain.append(text)
            }
        }
        self.leaves = leaves
        plainText = plain.joined(separator: "\n")
        htmlSource = htmlParts.joined(separator: "\n")
        let html = HTMLText(htmlSource)
        self.html = html
        htmlText = html.text
        visibleText = plainText.isEmpty ? htmlText : plainText + "\n" + htmlText
        textStatistics = TextStatistics(visibleText)
        var urls = URLScanner.urls(in: plainText)
        urls.append(contentsOf: html.links.filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.lowercased().hasPrefix("cid:") })
        urls.append(contentsOf: URLScanner.urls(in: htmlText))
        var seen = Set<String>()
        self.urls = urls.filter { seen.insert($0).inserted }
    }

    /// The value of the first field with this name (decoded), or nil.
    public func header(_ name: String) -> String? {
        fields.first(where: { $0.name.equalsIgnoringASCIICase(name) })?.decoded
    }

    public func headers(_ name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.decoded)
    }

    /// The text a reader sees: plain parts, else the HTML's text.
    public let visibleText: String
    /// Word, letter and capital counts of `visibleText`.
    let textStatistics: TextStatistics

    /// Mbox files start with a `From ` separator line that is not part of the message.
    static func droppingMboxLine(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: Array("From ".utf8)), let end = bytes.firstIndex(of: 0x0A) else { return bytes }
        return Array(bytes[(end + 1)...])
    }

    static func digest(_ bytes: [UInt8], excluding ranges: [Range<Int>]) -> String {
        var hasher = SHA256()
        var start = 0
        var chunk: [UInt8] = []
        chunk.reserveCapacity(bytes.count)
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= start {
            chunk.append(contentsOf: bytes[start..<range.lowerBound])
            start = range.upperBound
        }
        chunk.append(contentsOf: bytes[start...])
        chunk.removeAll(where: { $0 == 0x0D })
        hasher.update(data: chunk)
        return hasher.finalize().map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
        }
    }
}

/// Finds http(s)/www URLs in plain text.
enum URLScanner {
    static func urls(in text: String) -> [String] {
        var result: [String] = []
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        var i = 0
        while i < n {
            let c = scalars[i]
            if c == "h" || c == "H" || c == "w" || c == "W" {
                if i == 0 || !(scalars[i - 1].isLetterFast || scalars[i - 1] == "/") {
                    let startsURL = matches(scalars, i, "http://") || matches(scalars, i, "https://") || matches(scalars, i, "www.")
                    if startsURL {
                        var j = i
                        while j < n, !terminates(scalars[j]) { j += 1 }
                        var url = String(String.UnicodeScalarView(scalars[i..<j]))
                        while let last = url.last, ".,;:!?)]'".contains(last) { url.removeLast() }
                        if url.count > 7 { result.append(url) }
                        i = j
                        continue
                    }
                }
            }
            i += 1
        }
        return result
    }

    private static func matches(_ s: [Unicode.Scalar], _ i: Int, _ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count, Character(s[k]).lowercased() == Character(p).lowercased() else { return false }
            k += 1
        }
        return true
    }

    private static func terminates(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\n" || c == "\r" || c == "\t" || c == "<" || c == ">" || c == "\"" || c == "'" || c.value < 0x20
    }

    /// The host of a URL, lower case, without port or user info; nil when there is none.
    static func host(of url: String) -> String? {
        var s = Substring(url)
        // An ASCII URL is searched by bytes (Foundation's range(of:) was most of the cost).
        let scheme: Range<String.Index>? = url.utf8.allSatisfy({ $0 < 0x80 }) ? asciiRange(of: "://", in: url) : s.range(of: "://")
        if let r = scheme { s = s[r.upperBound...] }
        else if s.lowercased().hasPrefix("mailto:") { return nil }
        let end = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? s.endIndex
        var host = s[s.startIndex..<end]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.firstIndex(of: ":") { host = host[host.startIndex..<colon] }
        let h = host.lowercased()
        return h.isEmpty ? nil : h
    }

    /// The first occurrence of an ASCII `needle` in an ASCII `text`.
    static func asciiRange(of needle: String, in text: String) -> Range<String.Index>? {
        let hay = text.utf8, n = Array(needle.utf8)
        guard hay.count >= n.count else { return nil }
        var i = hay.startIndex
        while let end = hay.index(i, offsetBy: n.count, limitedBy: hay.endIndex) {
            if hay[i..<end].elementsEqual(n) { return i..<end }
            i = hay.index(after: i)
        }
        return nil
    }
}
