/// Renders a DKIM-Signature (or ARC-Message-Signature, ARC-Seal) field folded at 78 columns (RFC 5322 §2.1.1).
///
/// Lines break only where RFC 6376 allows FWS: between tags, after the colons of `h=`
/// and inside base64 values. The `b=` tag comes last and starts a line of its own, so
/// the field that was hashed (`… b=`) is a prefix of the field that is written.
struct DKIMSignatureFieldWriter {
    static let lineLimit = 78
    static let fieldName = "DKIM-Signature"

    private var text: String
    private var column: Int

    /// - Parameter name: the field name; ARC's signatures are written the same way
    ///   (RFC 8617 §4.1.2, §4.1.3).
    init(name: String = fieldName) {
        text = name + ":"
        column = name.count + 1
    }

    /// Appends `name=value;` whose value is made of `pieces` that may be separated by
    /// folding, starting on a new line when the tag does not fit.
    mutating func append(tag name: String, pieces: [String]) {
        let head = name + "="
        let whole = head + pieces.joined() + ";"
        if column + 1 + whole.count <= Self.lineLimit {
            text += " " + whole
            column += 1 + whole.count
            return
        }
        newLine()
        text += head
        column += head.count
        for (index, piece) in pieces.enumerated() {
            let tail = index == pieces.count - 1 ? ";" : ""
            if column + piece.count + tail.count > Self.lineLimit, column > 1 + head.count {
                newLine()
            }
            text += piece + tail
            column += piece.count + tail.count
        }
    }

    /// The field up to and including `b=` (what the header hash covers), starting `b=`
    /// on a new line.
    func unsignedField() -> String {
        text + "\r\n b="
    }

    /// The finished field: `unsignedField()` followed by the folded signature, CRLF-ended.
    func signedField(signatureBase64: String) -> String {
        var out = unsignedField()
        var column = 3
        var rest = Substring(signatureBase64)
        while !rest.isEmpty {
            let room = max(1, Self.lineLimit - column)
            let chunk = rest.prefix(room)
            out += chunk
            rest = rest.dropFirst(chunk.count)
            if !rest.isEmpty {
                out += "\r\n "
                column = 1
            }
        }
        return out + "\r\n"
    }

    private mutating func newLine() {
        text += "\r\n "
        column = 1
    }

    /// Splits base64 text into pieces between which folding may go.
    static func base64Pieces(_ text: String, size: Int = 64) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces
    }
}
