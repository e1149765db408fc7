extension ManageSieveSession {
    /// CAPABILITY (RFC 5804 §2.4).
    mutating func handleCapability() {
        sendCapabilities()
        send(.ok("Capability completed"))
    }

    /// The capability lines for the current state (RFC 5804 §1.7).
    var capabilities: [ManageSieveCapability] {
        var list = [
            ManageSieveCapability("IMPLEMENTATION", configuration.implementation),
            // Empty before TLS when PLAIN needs it; STARTTLS is then listed (§1.7).
            ManageSieveCapability("SASL", loginOffered ? "PLAIN" : ""),
            ManageSieveCapability("SIEVE", configuration.sieveExtensions.joined(separator: " ")),
        ]
        if configuration.tlsAvailable && !isTLS && authenticatedUser == nil {
            list.append(ManageSieveCapability("STARTTLS"))
        }
        if let maxRedirects = configuration.maxRedirects {
            list.append(ManageSieveCapability("MAXREDIRECTS", String(max(0, maxRedirects))))
        }
        if !configuration.notifyMethods.isEmpty {
            list.append(ManageSieveCapability("NOTIFY", configuration.notifyMethods.joined(separator: " ")))
        }
        if let authenticatedUser {
            list.append(ManageSieveCapability("OWNER", authenticatedUser))
        }
        list.append(ManageSieveCapability("UNAUTHENTICATE"))
        list.append(ManageSieveCapability("VERSION", "1.0"))
        return list
    }

    mutating func sendCapabilities() {
        emit(.send(.capabilities(capabilities)))
    }
}
