import ProtocolCore

extension ManageSieveSession {
    /// AUTHENTICATE (RFC 5804 §2.1) with PLAIN (RFC 4616).
    mutating func handleAuthenticate(_ mechanism: String, _ initialResponse: [UInt8]?) {
        guard mechanism == "PLAIN" else { return fail(.no("Unsupported SASL mechanism")) }
        guard loginOffered else {
            return fail(.no("Plaintext authentication requires TLS; use STARTTLS first", code: .encryptNeeded))
        }
        guard let initialResponse else {
            // PLAIN starts with an empty challenge, sent as an empty string.
            emit(.send(.saslChallenge("")))
            phase = .authExchange
            return
        }
        plainResponse(initialResponse)
    }

    /// The client's string during the exchange; "*" cancels (§2.1).
    mutating func handleSASLResponse(_ tokens: [ManageSieveToken]) {
        // A bare * (not a string) is tolerated as the cancellation too.
        if tokens == [.string([UInt8(ascii: "*")])] || tokens == [.atom([UInt8(ascii: "*")])] {
            return fail(.no("Authentication cancelled"))
        }
        guard tokens.count == 1, case .string(let response) = tokens[0] else {
            return fail(.no("Authentication response must be one string"))
        }
        plainResponse(response)
    }

    private mutating func plainResponse(_ response: [UInt8]) {
        do throws(SASLFailure) {
            // RFC 5804 §2.1: an empty response is sent as an empty string, so "=" is not special.
            let plain = try SASLResponse.parsePlain(try SASLResponse.decode(response, isInitialResponse: false))
            ask(.authentication, .authenticate(ManageSieveCredentials(
                mechanism: "PLAIN", authorizationIdentity: plain.authorizationID,
                username: plain.authenticationID, password: plain.password)))
        } catch {
            fail(.no("Cannot decode response: \(error.text)"))
        }
    }

    /// PLAIN negotiates no security layer, so no capabilities follow the OK (§2.1).
    mutating func authenticationChecked(_ result: ManageSieveAuthenticationResult) {
        guard case .awaiting(.authentication) = phase else { return }
        phase = .command
        switch result {
        case .success(let user):
            authenticatedUser = user
            send(.ok("Logged in"))
        case .invalidCredentials:
            authFailureCount += 1
            guard authFailureCount < configuration.maxAuthFailures else {
                return bye(.bye("Too many failed authentication attempts"))
            }
            send(.no("Authentication failed"))
        case .reject(let response):
            finish(response)
        }
    }
}
