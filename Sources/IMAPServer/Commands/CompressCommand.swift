import IMAPProtocol

extension IMAPSession {
    /// COMPRESS DEFLATE (RFC 4978 §3): OK, then the glue compresses from the byte after
    /// the tagged OK's CRLF on. BAD for an unknown mechanism or when already active.
    func compress(_ tag: String, _ mechanism: String) async throws -> IMAPSessionOutcome {
        guard mechanism == "DEFLATE" else { throw IMAPCommandFailure(.bad, nil, "Unknown compression mechanism") }
        guard !compressionActive else {
            throw IMAPCommandFailure(.bad, nil, "COMPRESS already active")
        }
        compressionActive = true
        await sink.send([.tagged(tag, .ok, code: nil, text: "DEFLATE active")])
        return .compress
    }
}
