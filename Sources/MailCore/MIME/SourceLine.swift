/// A line of the source buffer. Lines end with CRLF, LF or a lone CR: mail arrives with
/// all three (and mixtures), and a lone CR is treated as a line end as Python's email
/// package does.
struct SourceLine {
    let start: Int
    /// End of the content, where the line break starts.
    let contentEnd: Int
    /// After the line break.
    let end: Int

    var isBlank: Bool { contentEnd == start && end > start }

    init(start: Int, contentEnd: Int, end: Int) {
        self.start = start
        self.contentEnd = contentEnd
        self.end = end
    }

    /// The line that starts at `start` (which must be < bytes.count).
    init(in bytes: [UInt8], at start: Int) {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == ASCIIByte.lf {
                self.init(start: start, contentEnd: i, end: i + 1)
                return
            }
            if b == ASCIIByte.cr {
                self.init(start: start, contentEnd: i, end: (i + 1 < n && bytes[i + 1] == ASCIIByte.lf) ? i + 2 : i + 1)
                return
            }
            i += 1
        }
        self.init(start: start, contentEnd: n, end: n)
    }
}

extension Array where Element == UInt8 {
    /// Length of the line break that ends just before `offset` (0, 1 or 2).
    func lineBreakLength(before offset: Int) -> Int {
        guard offset > 0, offset <= count else { return 0 }
        if self[offset - 1] == ASCIIByte.lf {
            return offset >= 2 && self[offset - 2] == ASCIIByte.cr ? 2 : 1
        }
        return self[offset - 1] == ASCIIByte.cr ? 1 : 0
    }
}
