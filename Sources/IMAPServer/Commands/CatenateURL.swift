import Durability
import Foundation
import IMAPProtocol
import MailStore

/// An IMAP URL naming a message or part on this server (RFC 5092 §3, as CATENATE uses
/// it, RFC 4469 §5): `[imap://user@host[:port]]/MAILBOX[;UIDVALIDITY=n]/;UID=n
/// [/;SECTION=s][/;PARTIAL=o[.l]]`, mailbox percent-encoded modified UTF-7.
struct IMAPMessageURL: Equatable {
    var mailbox: String
    var uidValidity: UInt32?
    var uid: UInt32
    var section: String?
    var partial: (offset: Int, length: Int?)?

    static func == (a: IMAPMessageURL, b: IMAPMessageURL) -> Bool {
        a.mailbox == b.mailbox && a.uidValidity == b.uidValidity && a.uid == b.uid && a.section == b.section
            && a.partial?.offset == b.partial?.offset && a.partial?.length == b.partial?.length
    }

    init?(_ text: String) {
        var rest = Substring(text)
        if rest.lowercased().hasPrefix("imap://") {
            rest = rest.dropFirst(7)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            rest = rest[slash...]
        }
        guard rest.hasPrefix("/") else { return nil }
        rest = rest.dropFirst()
        // The mailbox runs to "/;UID=" (its own ";UIDVALIDITY=" is cut off after).
        guard let uidMark = rest.range(of: "/;UID=", options: .caseInsensitive) else { return nil }
        var box = rest[..<uidMark.lowerBound]
        if let validity = box.range(of: ";UIDVALIDITY=", options: .caseInsensitive) {
            guard let n = UInt32(box[validity.upperBound...]) else { return nil }
            uidValidity = n
            box = box[..<validity.lowerBound]
        }
        guard !box.isEmpty, let decoded = String(box).removingPercentEncoding else { return nil }
        mailbox = decoded
        var tail = rest[uidMark.upperBound...]
        let uidText = tail.prefix { $0.isNumber }
        guard let uid = UInt32(uidText), uid > 0 else { return nil }
        self.uid = uid
        tail = tail.dropFirst(uidText.count)
        if let s = tail.range(of: "/;SECTION=", options: .caseInsensitive), s.lowerBound == tail.startIndex {
            let after = tail[s.upperBound...]
            let end = after.range(of: "/;")?.lowerBound ?? after.endIndex
            guard let value = String(after[..<end]).removingPercentEncoding, !value.isEmpty else { return nil }
            section = value
            tail = after[end...]
        }
        if let p = tail.range(of: "/;PARTIAL=", options: .caseInsensitive), p.lowerBound == tail.startIndex {
            let spec = tail[p.upperBound...].split(separator: ".", maxSplits: 1)
            guard let offset = spec.first.flatMap({ Int($0) }) else { return nil }
            let length = spec.count > 1 ? Int(spec[1]) : nil
            if spec.count > 1, length == nil { return nil }
            partial = (offset, length)
            tail = tail[tail.endIndex...]
        }
        guard tail.isEmpty else { return nil }
    }
}

extension IMAPSession {
    /// The octets an IMAP URL names, for CATENATE (RFC 4469 §5: "NO [BADURL <url>]" when it
    /// cannot be resolved, the user may not read it, or the part does not exist).
    func resolveCatenateURL(_ text: String) async throws -> [UInt8] {
        let bad = IMAPCommandFailure(.no, .other("BADURL", text), "Cannot use this URL")
        guard let url = IMAPMessageURL(text) else { throw bad }
        let target: Access
        do {
            target = try await access(IMAPMailboxName(encoded: url.mailbox), need: "r")
        } catch {
            throw bad
        }
        if let validity = url.uidValidity, validity != target.mailbox.uidValidity { throw bad }
        let store = store, mailbox = target.mailbox
        guard let bytes = try? await BlockingIO.run({ try store.readMessage(mailbox, uid: url.uid) }) else { throw bad }
        var data = ArraySlice(bytes)
        if let sectionText = url.section {
            // The section grammar is FETCH's: parse it as one.
            guard case .fetch(let fetch)? = try? IMAPCommandParser.parse("x FETCH 1 BODY.PEEK[\(sectionText)]").kind,
                  case .bodySection(let section, _, _)? = fetch.attributes.first,
                  let part = IMAPMessageSections(bytes: bytes).body(section) else { throw bad }
            data = part
        }
        if let partial = url.partial {
            let start = min(data.count, partial.offset)
            let end = partial.length.map { min(data.count, start + $0) } ?? data.count
            data = data.dropFirst(start).prefix(end - start)
        }
        return Array(data)
    }
}
