import Durability
import Foundation
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// Members of this group are "authorized as a message submission entity" (RFC 4467
    /// §3): they may URLFETCH `submit+` URLs.
    static let urlAuthSubmitGroup = "submitters"

    /// GENURLAUTH (RFC 4467 §7): INTERNAL tokens for the user's own key table; any URL
    /// that fails the checks of §7 (1)-(3) makes the command BAD.
    func genURLAuth(_ tag: String, _ requests: [IMAPGenURLAuthRequest]) async throws {
        guard let keys = environment.accessKeys else {
            throw IMAPCommandFailure(.no, .unavailable, "URLAUTH keys are not available")
        }
        var generated: [String] = []
        for request in requests {
            guard request.mechanism == "INTERNAL" else {
                throw IMAPCommandFailure(.bad, nil, "Unsupported URLAUTH mechanism \(request.mechanism)")
            }
            guard let url = IMAPAuthorizedURL(rump: request.url), let message = IMAPMessageURL(url.messageURL) else {
                throw IMAPCommandFailure(.bad, nil, "Not an IMAP URL of a message with owner and ;URLAUTH=access: \(request.url)")
            }
            // §7 (2): the owner is whose key table signs; only one's own table here.
            guard url.owner.lowercased() == userName.lowercased() else {
                throw IMAPCommandFailure(.bad, nil, "The URL's user must be the logged-in user")
            }
            let target: Access
            do {
                target = try await access(IMAPMailboxName(encoded: message.mailbox), need: "r")
            } catch {
                throw IMAPCommandFailure(.bad, nil, "The URL's mailbox does not exist: \(message.mailbox)")
            }
            if let validity = message.uidValidity, validity != target.mailbox.uidValidity {
                throw IMAPCommandFailure(.bad, nil, "The URL's UIDVALIDITY is not the mailbox's")
            }
            let owner = userName, mailboxID = target.mailbox.id
            let key = try await BlockingIO.run { try keys.key(owner: owner, mailboxID: mailboxID) }
            generated.append(IMAPAuthorizedURL.full(rump: url.rump, mechanism: "INTERNAL",
                                                    token: URLAuthToken.make(rump: url.rump, key: key)))
        }
        logAction("genurlauth \(generated.count) URL(s)")
        await finish(tag, .ok, "GENURLAUTH completed", allowExpunge: true, before: [.untagged(.genURLAuth(generated))])
    }

    /// RESETKEY (RFC 4467 §7): with a mailbox, a new key for it (revoking its URLs); without,
    /// every key of the user goes.
    func resetKey(_ tag: String, _ name: IMAPMailboxName?, _ mechanisms: [String]) async throws {
        guard let keys = environment.accessKeys else {
            throw IMAPCommandFailure(.no, .unavailable, "URLAUTH keys are not available")
        }
        if let other = mechanisms.first(where: { $0 != "INTERNAL" }) {
            throw IMAPCommandFailure(.bad, nil, "Unsupported URLAUTH mechanism \(other)")
        }
        let owner = userName
        guard let name else {
            try await BlockingIO.run { try keys.removeKeys(owner: owner) }
            logAction("resetkey all")
            await finish(tag, .ok, "All keys removed", allowExpunge: true)
            return
        }
        let target = try await access(name, need: "r")
        let mailboxID = target.mailbox.id
        try await BlockingIO.run { try keys.resetKey(owner: owner, mailboxID: mailboxID) }
        logAction("resetkey \(target.mailbox.name)")
        // §8 URLMECH: "can be sent in the tagged OK response instead of requiring a
        // separate untagged OK response".
        await finish(tag, .ok, code: .other("URLMECH", "INTERNAL"), "Key reset", allowExpunge: true)
    }

    /// URLFETCH (RFC 4467 §7): the data of each URL, NIL for any that is invalid for any
    /// reason; the command itself succeeds.
    func urlFetch(_ tag: String, _ urls: [String]) async throws {
        var items: [IMAPURLFetchItem] = []
        for url in urls {
            let data = !IMAPAuthorizedURL.carriesURLAuth(url)
                ? await plainURLData(url) : await authorizedURLData(url)
            items.append(IMAPURLFetchItem(url: url, data: data))
        }
        await finish(tag, .ok, "URLFETCH completed", allowExpunge: true, before: [.untagged(.urlFetch(items))])
    }

    /// A URL without URLAUTH (RFC 5092 §6) is read with this session's own rights; its
    /// user, when given, must be the session's (§3.2: it "limits use of that URL to only
    /// that user").
    private func plainURLData(_ text: String) async -> [UInt8]? {
        if text.lowercased().hasPrefix("imap://") {
            let authority = text.dropFirst(7).prefix { $0 != "/" }
            if let at = authority.firstIndex(of: "@") {
                let user = authority[..<at].prefix { $0 != ";" }
                guard user.isEmpty || user.removingPercentEncoding?.lowercased() == userName.lowercased() else { return nil }
            }
        }
        return try? await resolveCatenateURL(text)
    }

    /// An authorized URL (RFC 4467 §6): access identifier, expiry and token checked, then
    /// read with the access of the URL's owner, whatever this session could SELECT.
    private func authorizedURLData(_ text: String) async -> [UInt8]? {
        guard let user, let url = IMAPAuthorizedURL(full: text), url.mechanism == "INTERNAL",
              url.access.permits(sessionUser: user.name, isSubmitter: user.groups.contains(Self.urlAuthSubmitGroup)),
              !url.hasExpired(now: Int64(Date().timeIntervalSince1970)),
              let message = IMAPMessageURL(url.messageURL), let token = url.token,
              let keys = environment.accessKeys else { return nil }
        let owner = url.owner.lowercased()
        let target = await ownersMailbox(owner: owner, encodedName: message.mailbox)
        let key = target.flatMap { mailbox in try? keys.existingKey(owner: owner, mailboxID: mailbox.0.id) }
        // §6: a token is computed even when the mailbox or its key is unknown.
        let valid = URLAuthToken.verify(token, rump: url.rump, key: key ?? URLAuthToken.plausibleKey())
        guard valid, key != nil, let (mailbox, location) = target else { return nil }
        if let validity = message.uidValidity, validity != mailbox.uidValidity { return nil }
        // "once validated, it grants whatever access to the data is held by the userid in
        // the server component of the URL" (§7 URLFETCH).
        guard let rights = try? await rights(ofUser: owner, on: mailbox, location), rights.contains("r") else { return nil }
        let store = store
        guard let bytes = try? await BlockingIO.run({ try store.readMessage(mailbox, uid: message.uid) }) else { return nil }
        return Self.extract(message, from: bytes)
    }

    /// The owner's mailbox an encoded name points to, in the owner's namespaces.
    private func ownersMailbox(owner: String, encodedName: String) async -> (Mailbox, MailboxLocation)? {
        guard let decoded = try? decodedName(IMAPMailboxName(encoded: encodedName)),
              let location = MailboxLocation.locate(decoded) else { return nil }
        let store = store, mailboxOwner = location.owner(for: owner), storeName = location.storeName
        guard let mailbox = try? await BlockingIO.run({ try store.mailbox(owner: mailboxOwner, name: storeName) }) else { return nil }
        return (mailbox, location)
    }

    /// RFC 4314 rights of a user other than the session's: all in the user's own
    /// mailboxes, else the ACL entries naming the user, `anyone`, `authenticated` or one
    /// of the user's groups, and all rights for members of a public mailbox's owning group.
    private func rights(ofUser owner: String, on mailbox: Mailbox, _ location: MailboxLocation) async throws -> String {
        if case .personal = location.kind { return MailStore.allRights }
        let store = store, directory = environment.directory
        let (groups, entries) = try await BlockingIO.run { (try directory.groups(ofUser: owner), try store.acl(mailbox)) }
        let identifiers = Set([owner, "anyone", "authenticated"] + groups.map { "$" + $0 })
        var rights = entries.filter { identifiers.contains($0.identifier) }.map(\.rights).joined()
        if case .publicMailbox = location.kind {
            let top = String(mailbox.name.split(separator: "/").first ?? "")
            let owners = try await BlockingIO.run { try directory.publicMailbox(named: top)?.groups }
            if let owners, !Set(owners).isDisjoint(with: groups) { rights += MailStore.allRights }
        }
        return MailStore.normalizedRights(rights)
    }

    /// The section and partial range a message URL names (RFC 5092 §6: "UID FETCH <uid>
    /// BODY.PEEK[<section>]<<partial-range>>"); nil when the section does not exist.
    static func extract(_ url: IMAPMessageURL, from bytes: [UInt8]) -> [UInt8]? {
        var data = ArraySlice(bytes)
        if let sectionText = url.section {
            // The section grammar is FETCH's: parse it as one.
            guard case .fetch(let fetch)? = try? IMAPCommandParser.parse("x FETCH 1 BODY.PEEK[\(sectionText)]").kind,
                  case .bodySection(let section, _, _)? = fetch.attributes.first,
                  let part = IMAPMessageSections(bytes: bytes).body(section) else { return nil }
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
