import IMAPProtocol

extension IMAPSession {
    func capability(_ tag: String) async throws {
        var responses = await pendingUpdates(allowExpunge: true)
        responses.append(.untagged(.capability(capabilities)))
        responses.append(.tagged(tag, .ok, code: nil, text: "CAPABILITY completed"))
        await sink.send(responses)
    }

    /// RFC 2971: we say who we are; what the client says is only logged.
    func id(_ tag: String) async {
        await sink.send([
            .untagged(.id([IMAPIDField("name", "Postino"), IMAPIDField("vendor", "Postino")])),
            .tagged(tag, .ok, code: nil, text: "ID completed"),
        ])
    }

    /// RFC 5161; QRESYNC implies CONDSTORE (RFC 7162 §3.2.3).
    func enable(_ tag: String, _ names: [String]) async {
        var enabled: [String] = []
        var leading: [IMAPResponse] = []
        for name in names {
            switch name {
            case "CONDSTORE":
                if !condStoreActive { enabled.append(name) }
                leading += enableCondStore()
            case "IMAP4REV2":
                // RFC 9051 §6.3.1; the ENABLED response still spells it as asked.
                if !imap4rev2 { enabled.append("IMAP4rev2") }
                imap4rev2 = true
                nameSink.useUTF8()
            case "QRESYNC":
                if !qResyncEnabled { enabled.append(name) }
                qResyncEnabled = true
                leading += enableCondStore()
            default:
                break
            }
        }
        await sink.send([.untagged(.enabled(enabled))] + leading + [.tagged(tag, .ok, code: nil, text: "ENABLE completed")])
    }

    /// RFC 2342: personal, other users' (shared through ACLs) and public mailboxes.
    func namespace(_ tag: String) async {
        let response = IMAPNamespaceResponse(
            personal: [IMAPNamespace(prefix: "")],
            otherUsers: [IMAPNamespace(prefix: MailboxLocation.otherUsersPrefix + "/")],
            shared: [IMAPNamespace(prefix: MailboxLocation.publicPrefix + "/")])
        await sink.send([.untagged(.namespace(response)), .tagged(tag, .ok, code: nil, text: "NAMESPACE completed")])
    }

    func logout(_ tag: String) async -> IMAPSessionOutcome {
        await sink.send([.untagged(.condition(.bye, code: nil, text: "Logging out")),
                         .tagged(tag, .ok, code: nil, text: "LOGOUT completed")])
        if let user { logger.info("imap logout: user=<\(user.name)>, rip=\(remoteAddress)") }
        await endSession()
        return .logout
    }

    func startTLS(_ tag: String) async -> IMAPSessionOutcome {
        guard !tlsActive else {
            await sink.send([.tagged(tag, .bad, code: nil, text: "TLS is already active")])
            return .proceed
        }
        await sink.send([.tagged(tag, .ok, code: nil, text: "Begin TLS negotiation now")])
        return .startTLS
    }

    /// Called by the glue once the STARTTLS handshake is done.
    func tlsEstablished() {
        tlsActive = true
    }

    /// The connection is going away: release what the session holds.
    func endSession() async {
        stopObserving()
        stopNotify()
        if holdsConnectionSlot, let user {
            environment.connections.release(user: user.name, ip: remoteAddress)
            holdsConnectionSlot = false
        }
    }
}
