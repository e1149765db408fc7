/// Keeps the start of a message up to the end of its header section (at most `limit`
/// octets), so the server can read From and Message-ID without rereading the spool file.
struct HeaderCapture {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var complete = false

    init(limit: Int = 64 * 1024) { self.limit = limit }

    mutating func append(_ chunk: some Collection<UInt8>) {
        guard !complete else { return }
        let start = max(0, bytes.count - 3)
        bytes.append(contentsOf: chunk.prefix(limit - bytes.count))
        if let end = Self.endOfHeader(bytes, from: start) {
            bytes.removeSubrange(end...)
            complete = true
        } else if bytes.count >= limit {
            complete = true
        }
    }

    /// Index just past the blank line that ends the header (CRLF CRLF, or LF LF).
    private static func endOfHeader(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { return i + 2 }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { return i + 3 }
            }
            i += 1
        }
        return nil
    }
}
