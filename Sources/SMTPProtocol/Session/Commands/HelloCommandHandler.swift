extension SMTPSession {
    /// EHLO / HELO (RFC 5321 §4.1.1.1). A repeated one resets like RSET (§4.1.4).
    mutating func handleHello(_ name: String, extended: Bool) {
        resetTransaction()
        hello = Hello(name: name, extended: extended)
        guard extended else {
            send(SMTPReply(250, nil, configuration.hostname))
            return
        }
        send(SMTPReply(code: 250, lines: ehloLines))
    }

    /// The EHLO keywords, in a fixed order. No enhanced codes here (RFC 2034 §3).
    var ehloLines: [String] {
        var lines = [
            configuration.hostname,
            "SIZE \(configuration.maxMessageSize)",  // RFC 1870
            "PIPELINING",                            // RFC 2920
            "8BITMIME",                              // RFC 6152
            "ENHANCEDSTATUSCODES",                   // RFC 2034
        ]
        if startTLSOffered { lines.append("STARTTLS") }          // RFC 3207
        if authOffered { lines.append("AUTH PLAIN LOGIN") }      // RFC 4954
        lines += ["SMTPUTF8", "DSN", "CHUNKING"]                 // RFC 6531, 3461, 3030
        return lines
    }
}
