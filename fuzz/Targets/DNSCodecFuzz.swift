// Fuzz target `dns`: the DNS codec (names, addresses, messages, resolv.conf). fuzz/build.sh
// compiles the pure DNS sources (the codec and two resolver parsers, no NIO) as module DNS.
@testable import DNS

private func check(_ condition: @autoclosure () -> Bool, _ what: String) {
    if !condition() { fatalError("invariant violated: \(what)") }
}

private func checkName(_ name: DNSName) {
    check(name.wireLength <= DNSName.maximumWireLength, "name length bounded")
    check(name.labels.allSatisfy { !$0.isEmpty && $0.count <= DNSName.maximumLabelLength }, "label lengths bounded")
    check(DNSName(name.description)?.labels == name.labels, "name text round trip")
}

func fuzzDNS(_ bytes: [UInt8]) {

    if let message = try? DNSMessage(decoding: bytes) {
        for question in message.questions { checkName(question.name) }
        for record in message.answers + message.authorities + message.additionals {
            checkName(record.name)
            _ = record.description
        }
        if let again = try? message.encoded() {
            check((try? DNSMessage(decoding: again)) == message, "decode(encode(message)) == message")
        }
    }

    let text = String(decoding: bytes.prefix(1024), as: UTF8.self)
    if let name = DNSName(text) { checkName(name) }
    if let v6 = IPv6Address(text) { check(IPv6Address(v6.description) == v6, "IPv6 text round trip") }
    if let v4 = IPv4Address(text) { check(IPv4Address(v4.description) == v4, "IPv4 text round trip") }
    if let server = NameserverAddress(text) { check(NameserverAddress(server.description) == server, "endpoint round trip") }
    let configuration = ResolverConfiguration.parseResolvConf(text)
    check(!configuration.nameservers.isEmpty && configuration.nameservers.count <= 3, "resolv.conf nameserver count")
}
