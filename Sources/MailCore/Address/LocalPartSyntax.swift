/// Rendering of an unquoted local part back into RFC 5321 syntax.
enum LocalPartSyntax {
    /// True when `localPart` is an RFC 5321 §4.1.2 `Dot-string` (with RFC 6531 UTF-8 atext),
    /// i.e. it can be sent without quotes.
    static func isDotString(_ localPart: String) -> Bool {
        var previousWasDot = true  // also rejects a leading dot
        for scalar in localPart.unicodeScalars {
            if scalar == "." {
                if previousWasDot { return false }
                previousWasDot = true
                continue
            }
            previousWasDot = false
            if scalar.isASCII {
                guard AddressCharacters.isASCIIAtext(UInt8(scalar.value)) else { return false }
            } else if AddressCharacters.isControl(scalar) {
                return false
            }
        }
        return !previousWasDot  // also rejects empty and a trailing dot
    }

    /// RFC 5321 §4.1.2: "the sending system SHOULD transmit the form that uses the minimum
    /// quoting possible" — a Dot-string as is, anything else as a Quoted-string.
    static func render(_ localPart: String) -> String {
        isDotString(localPart) ? localPart : quoted(localPart)
    }

    /// `"…"` with `\` and `"` escaped as quoted-pairs.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
