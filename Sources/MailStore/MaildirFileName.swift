import Foundation

/// Maildir file names: `BASE` in `new/`, `BASE:2,FLAGS` in `cur/`. The base carries the
/// `S=` (size) and `W=` (size with CRLF line ends) fields Dovecot writes too; Postino stores
/// messages with CRLF line ends as received, so both are the file size.
public enum MaildirFileName {
    /// A unique base name for a message stored by this process. `tag` makes it
    /// deterministic when given: local delivery uses `Q<queue ID>_<delivery>`, so
    /// delivering the same spooled copy again after a crash finds the file already there.
    /// `crlfSize` is the size with every line ending as CRLF (what POP3 and IMAP serve);
    /// it defaults to `size`, which is right for mail received over SMTP (stored CRLF).
    public static func base(time: Date, tag: String, host: String, size: Int, crlfSize: Int? = nil) -> String {
        let seconds = Int(time.timeIntervalSince1970)
        return "\(seconds).\(tag).\(sanitize(host)),S=\(size),W=\(crlfSize ?? size)"
    }

    /// The `W=` size in a base name, if any.
    public static func crlfSize(_ base: String) -> Int? {
        for field in base.split(separator: ",").dropFirst() where field.hasPrefix("W=") {
            return Int(field.dropFirst(2))
        }
        return nil
    }

    /// Octets of `bytes` with every bare LF counted as CRLF.
    public static func crlfSize(of bytes: [UInt8]) -> Int {
        var size = 0
        var previous: UInt8 = 0
        for byte in bytes {
            size += byte == 0x0A && previous != 0x0D ? 2 : 1
            previous = byte
        }
        return size
    }

    /// A unique tag for messages that are not queue deliveries (IMAP APPEND, COPY).
    public static func uniqueTag() -> String {
        let micros = Int(Date().timeIntervalSince1970 * 1_000_000) % 1_000_000
        return "M\(micros)P\(getpid())R\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Splits a file name into its base and flags part.
    public static func split(_ name: String) -> (base: String, flags: MessageFlags) {
        guard let range = name.range(of: ":2,") else { return (name, []) }
        return (String(name[..<range.lowerBound]), MessageFlags(maildirLetters: name[range.upperBound...]))
    }

    public static func curName(base: String, flags: MessageFlags) -> String {
        base + ":2," + flags.maildirLetters
    }

    /// The `S=` size in a base name, if any.
    public static func declaredSize(_ base: String) -> Int? {
        for field in base.split(separator: ",").dropFirst() where field.hasPrefix("S=") {
            return Int(field.dropFirst(2))
        }
        return nil
    }

    /// `base` with its `S=` and `W=` fields set to the given sizes (added when missing).
    public static func withSizes(_ base: String, size: Int, crlfSize: Int) -> String {
        var fields = base.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let head = fields.removeFirst()
        fields.removeAll { $0.hasPrefix("S=") || $0.hasPrefix("W=") }
        return ([head, "S=\(size)", "W=\(crlfSize)"] + fields).joined(separator: ",")
    }

    /// Host names go into file names: '/' and ':' would break them (Maildir spec).
    static func sanitize(_ host: String) -> String {
        host.replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
            .replacingOccurrences(of: ",", with: "\\054")
    }
}
