/// Turns responses into bytes (RFC 3501 §7, §9). Every line ends with CRLF; strings are
/// written as atoms, quoted strings or literals as their content requires.
public enum IMAPResponseEncoder {
    /// The response as one byte array.
    public static func encode(_ response: IMAPResponse) -> [UInt8] {
        encodeChunks(response).bytes
    }

    /// The response as chunks; message data is referenced, not copied.
    public static func encodeChunks(_ response: IMAPResponse) -> IMAPOutput {
        var out = IMAPOutput()
        write(response, to: &out)
        return out
    }

    /// Appends a response to `out`.
    public static func write(_ response: IMAPResponse, to out: inout IMAPOutput) {
        switch response {
        case .tagged(let tag, let status, let code, let text):
            out.write(tag)
            out.write(" " + status.rawValue + " ")
            writeCodeAndText(code, text, to: &out)
        case .untagged(let data):
            out.write("* ")
            writeUntagged(data, to: &out)
        case .continuation(let text):
            out.write("+ ")
            out.writeText(text)
        case .continuationData(let data):
            out.write("+ ")
            out.write(bytes: Base64.encode(data))
        }
        out.write("\r\n")
    }

    /// The encoded value of an ENVELOPE or BODY/BODYSTRUCTURE, for a store to cache and
    /// hand back as `IMAPFetchResponseItem.preEncoded`.
    public static func encodedValue(of item: IMAPFetchResponseItem) -> [UInt8] {
        var out = IMAPOutput()
        writeFetchItemValue(item, to: &out)
        return out.bytes
    }

    // MARK: Conditions

    static func writeCodeAndText(_ code: IMAPResponseCode?, _ text: String, to out: inout IMAPOutput) {
        if let code {
            out.write("[")
            writeCode(code, to: &out)
            out.write("] ")
        }
        out.writeText(text)
    }
}
