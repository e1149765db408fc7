import ProtocolCore

extension POP3Session {
    /// AUTH (RFC 5034) with PLAIN (RFC 4616); AUTH alone lists the mechanisms.
    mutating func handleAuth(_ mechanism: String?, _ initialResponse: String?) {
        guard let mechanism else {
            return send(.ok("Supported mechanisms follow", lines: loginOffered ? ["PLAIN"] : []))
        }
        guard mechanism == "PLAIN" else { return fail(.unknownMechanism) }
        guard loginOffered else { return fail(.plaintextDisallowed) }
        pendingUser = nil
        guard let initialResponse else {
            // RFC 5034 §4: PLAIN starts with an empty challenge, "+ ".
            send(.challenge(""))
            phase = .authExchange
            return
        }
        plainResponse(Array(initialResponse.utf8), isInitialResponse: true)
    }

    /// The client's line during the exchange.
    mutating func handleSASLResponse(_ line: [UInt8]) {
        phase = .authorization
        // RFC 5034 §4: "*" cancels, and the server answers -ERR.
        if line == [UInt8(ascii: "*")] { return fail(.authCancelled) }
        plainResponse(line, isInitialResponse: false)
    }

    private mutating func plainResponse(_ response: [UInt8], isInitialResponse: Bool) {
        do throws(SASLFailure) {
            let decoded = try SASLResponse.decode(response, isInitialResponse: isInitialResponse)
            let plain = try SASLResponse.parsePlain(decoded)
            ask(.authentication, .authenticate(POP3Credentials(
                mechanism: "PLAIN", authorizationIdentity: plain.authorizationID,
                username: plain.authenticationID, password: plain.password)))
        } catch {
            fail(.authUndecodable(error.text))
        }
    }

    /// The server's verdict on USER/PASS or AUTH. On success the maildrop is asked for;
    /// the client hears `+OK` only once it is locked and listed.
    mutating func authenticationChecked(_ result: POP3AuthenticationResult) {
        guard case .awaiting(.authentication) = phase else { return }
        switch result {
        case .success(let user):
            openingMaildropFor = user
            ask(.maildrop(user: user), .openMaildrop(user: user))
        case .invalidCredentials:
            phase = .authorization
            authFailureCount += 1
            send(.authFailed)
            if authFailureCount >= configuration.maxAuthFailures { close() }
        case .reject(let response):
            phase = .authorization
            send(response)
        }
    }

    /// RFC 1939 §4: TRANSACTION starts once the maildrop is locked. A refusal leaves the
    /// session in AUTHORIZATION, where the client may log in again or QUIT.
    mutating func maildropOpened(_ result: POP3MaildropResult) {
        guard case .awaiting(.maildrop(let user)) = phase else {
            // The session ended while the server was locking: give the lock straight back.
            if case .opened = result, let user = openingMaildropFor {
                openingMaildropFor = nil
                emit(.releaseMaildrop(user: user))
            }
            return
        }
        openingMaildropFor = nil
        switch result {
        case .opened(let messages):
            let opened = POP3Maildrop(user: user, messages: messages)
            maildrop = opened
            phase = .transaction
            send(.ok("Logged in, \(opened.summary)"))
        case .inUse:
            phase = .authorization
            send(.maildropInUse)
        case .reject(let response):
            phase = .authorization
            send(response)
        }
    }
}
