import ProtocolCore

extension SMTPSession {
    /// AUTH (RFC 4954 §4) with PLAIN (RFC 4616) and LOGIN.
    mutating func handleAuth(_ mechanism: String, _ initialResponse: String?) {
        guard authEnabled else { return respond(.authNotEnabled) }
        guard hello != nil else { return respond(.badSequence("send HELO/EHLO first")) }
        guard authenticatedUser == nil else { return respond(.badSequence("already authenticated")) }
        guard transaction == nil else { return respond(.badSequence("MAIL transaction in progress")) }
        guard authOffered else { return respond(.encryptionRequired) }

        let initial = initialResponse.map { Array($0.utf8) }
        switch mechanism {
        case "PLAIN":
            guard let initial else {
                send(.challenge(""))
                phase = .authExchange(.plainResponse)
                return
            }
            saslStep(.plainResponse, response: initial, isInitialResponse: true)
        case "LOGIN":
            guard let initial else {
                send(.challenge(SASLResponse.loginUsernameChallenge))
                phase = .authExchange(.loginUsername)
                return
            }
            saslStep(.loginUsername, response: initial, isInitialResponse: true)
        default:
            respond(.unknownMechanism)
        }
    }

    /// A line read during the exchange.
    mutating func handleSASLResponse(_ line: [UInt8], step: SASLStep) {
        phase = .command
        if line == [UInt8(ascii: "*")] { return respond(.authCancelled) }
        saslStep(step, response: line, isInitialResponse: false)
    }

    private mutating func saslStep(_ step: SASLStep, response: [UInt8], isInitialResponse: Bool) {
        do throws(SASLFailure) {
            let decoded = try SASLResponse.decode(response, isInitialResponse: isInitialResponse)
            switch step {
            case .plainResponse:
                let plain = try SASLResponse.parsePlain(decoded)
                ask(.authentication, .authenticate(SMTPCredentials(
                    mechanism: "PLAIN", authorizationIdentity: plain.authorizationID,
                    username: plain.authenticationID, password: plain.password)))
            case .loginUsername:
                let username = try SASLResponse.utf8(decoded)
                send(.challenge(SASLResponse.loginPasswordChallenge))
                phase = .authExchange(.loginPassword(username: username))
            case .loginPassword(let username):
                let password = try SASLResponse.utf8(decoded)
                ask(.authentication, .authenticate(SMTPCredentials(
                    mechanism: "LOGIN", username: username, password: password)))
            }
        } catch {
            phase = .command
            respond(.authUndecodable(error.text))
        }
    }

    mutating func authenticationChecked(_ result: SMTPAuthenticationResult) {
        guard case .awaiting(.authentication) = phase else { return }
        phase = .command
        switch result {
        case .success(let user):
            authenticatedUser = user
            send(.authenticated)
        case .invalidCredentials:
            authFailureCount += 1
            guard authFailureCount < configuration.maxAuthFailures else {
                emit(.send(.authInvalid))
                emit(.send(.tooManyAuthFailures(configuration.hostname)))
                return close()
            }
            respond(.authInvalid)
        case .reject(let reply):
            respond(reply)
        }
    }
}
