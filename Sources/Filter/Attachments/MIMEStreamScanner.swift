import Foundation
import MailCore

/// A leaf part of a message as the attachment blocker sees it.
struct ScannedPart {
    var filename: String?
    var mimeType: String
    /// The decoded start of the part (enough for every magic number), or the whole part
    /// when it is a container the blocker looks into (zip, OLE2, TNEF) and not too large.
    var content: [UInt8]
    /// The content is the whole part.
    var complete: Bool
}

/// Walks a message's MIME structure as its octets stream past, line by line, and reports
/// each leaf part once it ends. Memory is bounded: a part keeps at most its head, or at
/// most `containerLimit` octets when it is a container to look into. Nested
/// message/rfc822 parts are walked too (their own header starts a new entity).
struct MIMEStreamScanner {
    private enum State { case header, preamble, body }

    private var state = State.header
    private var boundaries: [String] = []
    private var headerLines: [UInt8] = []
    private var partial: [UInt8] = []
    private var current: ScannedPart?
    private var decoder = StreamingDecoder(nil)
    /// The current line decoded (kept to reuse its storage).
    private var decoded: [UInt8] = []
    private var keepWhole = false
    private var discarding = false
    private var sniffed = false
    private let containerLimit: Int
    private(set) var parts: [ScannedPart] = []
    /// Every part name seen, for the log and for the extension list.
    var onPart: ((ScannedPart) -> Void)?

    init(containerLimit: Int = 16 << 20) {
        self.containerLimit = containerLimit
    }

    mutating func feed(_ chunk: [UInt8]) {
        var start = 0
        for index in chunk.indices where chunk[index] == 0x0A {
            if partial.isEmpty {
                line(chunk[start...index], hasLineEnd: true)
            } else {
                partial.append(contentsOf: chunk[start...index])
                let whole = partial
                partial.removeAll(keepingCapacity: true)
                line(whole[...], hasLineEnd: true)
            }
            start = index + 1
        }
        if start < chunk.count { partial.append(contentsOf: chunk[start...]) }
        // A body line without an end (binary content): pass it on in pieces; boundary
        // lines are short, so nothing that matters is split.
        if partial.count > 1 << 16, state == .body {
            let piece = partial
            partial.removeAll(keepingCapacity: true)
            line(piece[...], hasLineEnd: false)
        }
    }

    mutating func finish() {
        if !partial.isEmpty {
            let rest = partial
            partial = []
            line(rest[...], hasLineEnd: false)
        }
        if state == .header { endHeader() }
        endPart()
    }

    private mutating func line(_ line: ArraySlice<UInt8>, hasLineEnd: Bool) {
        if hasLineEnd, !boundaries.isEmpty, line.count >= 3, line[line.startIndex] == 0x2D, line[line.startIndex + 1] == 0x2D,
           let (level, closing) = boundaryMatch(line) {
            if state == .header { endHeader() }
            endPart()
            boundaries.removeSubrange((level + 1)...)
            if closing {
                boundaries.removeLast()
                state = .preamble  // the epilogue, until an outer boundary
            } else {
                state = .header
                headerLines = []
            }
            return
        }
        switch state {
        case .header:
            let trimmed = line.count - (line.last == 0x0A ? 1 : 0) - (line.dropLast().last == 0x0D && line.last == 0x0A ? 1 : 0)
            if trimmed == 0 {
                endHeader()
            } else if headerLines.count < 1 << 16 {
                headerLines.append(contentsOf: line)
            }
        case .preamble:
            return
        case .body:
            guard !discarding, current != nil else { return }
            decoded.removeAll(keepingCapacity: true)
            decoder.decode(line: line, hasLineEnd: hasLineEnd, into: &decoded)
            let limit = keepWhole ? containerLimit : FileTypeDetector.headLength
            let room = limit - current!.content.count
            if decoded.count <= room {
                current!.content.append(contentsOf: decoded)
            } else {
                current!.content.append(contentsOf: decoded.prefix(max(0, room)))
                current!.complete = false
                discarding = true
            }
            if !sniffed, current!.content.count >= 8 {
                sniffed = true
                if let type = FileTypeDetector.detect(current!.content), Self.isContainer(type) { keepWhole = true }
            }
        }
    }

    private func boundaryMatch(_ line: ArraySlice<UInt8>) -> (Int, Bool)? {
        var text = line.dropFirst(2)
        while let last = text.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { text.removeLast() }
        for level in boundaries.indices.reversed() {
            let boundary = boundaries[level].utf8
            if text.elementsEqual(boundary) { return (level, false) }
            if text.count == boundary.count + 2, text.prefix(boundary.count).elementsEqual(boundary),
               text.suffix(2).elementsEqual([0x2D, 0x2D]) { return (level, true) }
        }
        return nil
    }

    private mutating func endHeader() {
        let header = Message(bytes: headerLines + [0x0D, 0x0A]).header
        headerLines = []
        let type = header.value(of: "Content-Type").flatMap { ContentType.parse($0) }
        let mimeType = type?.mimeType ?? "text/plain"
        if mimeType.hasPrefix("multipart/"), let boundary = type?.parameters.parameter(named: "boundary")?.value, !boundary.isEmpty {
            boundaries.append(boundary)
            state = .preamble
            return
        }
        let encoding = header.value(of: "Content-Transfer-Encoding")
        if mimeType == "message/rfc822", StreamingDecoder(encoding).encoding == .identity {
            // RFC 2046 §5.2.1: the body is a whole message; walk its header next.
            state = .header
            return
        }
        let disposition = header.value(of: "Content-Disposition").map { ContentDisposition.parse($0) }
        let filename = disposition?.parameters.parameter(named: "filename")?.value
            ?? type?.parameters.parameter(named: "name")?.value
        current = ScannedPart(filename: filename.map { EncodedWordDecoder.decodeUnstructured($0) }, mimeType: mimeType,
                              content: [], complete: true)
        decoder = StreamingDecoder(encoding)
        keepWhole = Self.looksLikeContainer(mimeType: mimeType, filename: filename)
        discarding = false
        sniffed = false
        state = .body
    }

    private mutating func endPart() {
        guard let part = current else { return }
        current = nil
        parts.append(part)
        onPart?(part)
    }

    static func isContainer(_ type: FileType) -> Bool { type == .zip || type == .ole2 || type == .msi }

    static func looksLikeContainer(mimeType: String, filename: String?) -> Bool {
        mimeType == "application/ms-tnef" || filename?.lowercased().hasSuffix("winmail.dat") == true
    }
}
