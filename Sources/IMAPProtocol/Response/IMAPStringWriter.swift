/// How values are written (RFC 3501 §4.3, §9): as an atom where the grammar allows one and
/// the value fits, as a quoted string when it is short 7-bit text without CR or LF, as a
/// literal otherwise (8-bit data, CR, LF, NUL or long text).
extension IMAPOutput {
    /// Longest value sent as a quoted string.
    static let maximumQuotedLength = 1024

    mutating func writeNIL() { write("NIL") }

    /// `astring`: atom, quoted or literal.
    mutating func writeAString<C: Collection>(_ value: C) where C.Element == UInt8 {
        if !value.isEmpty && value.count <= IMAPOutput.maximumQuotedLength
            && value.allSatisfy(IMAPCharacterClass.isAStringChar) && !IMAPCharacterClass.isNIL(value) {
            write(bytes: value)
        } else {
            writeString(value)
        }
    }

    mutating func writeAString(_ value: String) { writeAString(Array(value.utf8)) }

    /// `string`: quoted or literal.
    mutating func writeString<C: Collection>(_ value: C) where C.Element == UInt8 {
        if value.count <= IMAPOutput.maximumQuotedLength && value.allSatisfy(IMAPCharacterClass.isQuotable) {
            write(IMAPCharacterClass.dquote)
            for b in value {
                if b == IMAPCharacterClass.dquote || b == IMAPCharacterClass.backslash { write(IMAPCharacterClass.backslash) }
                write(b)
            }
            write(IMAPCharacterClass.dquote)
        } else {
            writeLiteral(ArraySlice(value), binary: false)
        }
    }

    mutating func writeString(_ value: String) { writeString(Array(value.utf8)) }

    /// `nstring`.
    mutating func writeNString<C: Collection>(_ value: C?) where C.Element == UInt8 {
        if let value { writeString(value) } else { writeNIL() }
    }

    mutating func writeNString(_ value: String?) { writeNString(value.map { Array($0.utf8) }) }

    /// `{n}CRLF` + data, or `~{n}CRLF` + data (RFC 3516 literal8).
    mutating func writeLiteral(_ data: ArraySlice<UInt8>, binary: Bool) {
        if binary { write(IMAPCharacterClass.tilde) }
        write("{\(data.count)}\r\n")
        write(payload: data)
    }

    /// Section data (`nstring`): always a literal, so 8-bit and line breaks pass, and a
    /// literal8 when the data holds a NUL (BINARY only).
    mutating func writeSectionData(_ data: ArraySlice<UInt8>?, allowBinary: Bool) {
        guard let data else { return writeNIL() }
        writeLiteral(data, binary: allowBinary && data.contains(0))
    }

    /// Response text (`text = 1*TEXT-CHAR`): CR and LF become spaces, and empty text
    /// becomes "completed" so that the line stays valid. Text ending like a literal's
    /// announcement (`{12}`, `{12+}`) gets a final "." — a line that ends so announces a
    /// literal (RFC 3501 §4.3, §7.5), and a client would wait for its octets.
    mutating func writeText(_ text: String) {
        var bytes = text.utf8.map { ($0 == IMAPCharacterClass.cr || $0 == IMAPCharacterClass.lf || $0 == 0) ? IMAPCharacterClass.space : $0 }
        if bytes.isEmpty {
            write("completed")
            return
        }
        if IMAPOutput.endsLikeLiteral(bytes) { bytes.append(UInt8(ascii: ".")) }
        write(bytes: bytes)
    }

    /// Whether `bytes` end with `{` 1*DIGIT [`+`] `}`.
    static func endsLikeLiteral(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == UInt8(ascii: "}") else { return false }
        var rest = bytes.dropLast()
        if rest.last == UInt8(ascii: "+") { rest = rest.dropLast() }
        let digits = rest.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        return digits > 0 && rest.dropLast(digits).last == UInt8(ascii: "{")
    }

    /// A mailbox name: always quoted (or a literal if it somehow holds 8-bit or CR/LF).
    mutating func writeMailbox(_ name: IMAPMailboxName) { writeString(Array(name.encoded.utf8)) }

    /// A delimiter: `"/"` or NIL.
    mutating func writeDelimiter(_ delimiter: Character?) {
        guard let delimiter else { return writeNIL() }
        writeString(Array(String(delimiter).utf8))
    }

    /// `(a b c)` with a writer for each element.
    mutating func writeList<T>(_ items: [T], _ each: (inout IMAPOutput, T) -> Void) {
        write(IMAPCharacterClass.openParen)
        for (i, item) in items.enumerated() {
            if i > 0 { write(IMAPCharacterClass.space) }
            each(&self, item)
        }
        write(IMAPCharacterClass.closeParen)
    }

    /// Flags that are not valid `flag` syntax (a store could hold anything) are left out
    /// rather than break the response.
    mutating func writeFlags(_ flags: [IMAPFlag]) {
        writeList(flags.filter { IMAPFlag.parse(Array($0.name.utf8)) != nil }) { out, flag in out.write(flag.name) }
    }
}
