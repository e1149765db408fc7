import DNS
import Testing
@testable import MailAuth

/// `ResolverMailAuthDNS` turns the resolver's answers and errors into the four answers
/// the methods need (RFC 7208 §4.6.4 void lookups apart from failures).
@Suite struct ResolverMailAuthDNSTests {
    /// Answers from a table by (name, type); names missing from it time out.
    struct TableTransport: DNSTransport {
        let table: [String: (DNSResponseCode, [DNSResourceRecord])]

        func exchange(_ query: DNSMessage, with server: NameserverAddress, over transport: DNSTransportProtocol,
                      timeout: Duration) async throws(DNSTransportError) -> DNSMessage {
            let question = query.questions[0]
            guard let (rcode, answers) = table["\(question.name.withoutTrailingDot.lowercased()) \(question.type)"] else {
                throw .timeout
            }
            var header = query.header
            header.isResponse = true
            var message = DNSMessage(header: header, questions: query.questions, answers: answers,
                                     edns: query.edns.map { _ in EDNS() })
            message.responseCode = rcode
            return message
        }
    }

    static func record(_ name: String, _ data: RecordData) -> DNSResourceRecord {
        DNSResourceRecord(name: DNSName(name)!, ttl: 60, data: data)
    }

    static let dns = ResolverMailAuthDNS(resolver: DNSResolver(
        configuration: ResolverConfiguration(nameservers: [NameserverAddress(address: .v4(.loopback))],
                                             timeout: .milliseconds(50), attempts: 1),
        transport: TableTransport(table: [
            "example.com TXT": (.noError, [record("example.com", Zone.txt("v=spf1 -all"))]),
            "example.com A": (.noError, []),
            "missing.example.com TXT": (.nameError, []),
            "broken.example.com TXT": (.serverFailure, []),
            "alias.example.com TXT": (.noError, [record("alias.example.com", .cname(DNSName("example.com")!))]),
        ])))

    @Test func answersAreMapped() async {
        #expect(await Self.dns.query("example.com", .txt) == .records([Zone.txt("v=spf1 -all")]))
        #expect(await Self.dns.query("Example.COM.", .txt) == .records([Zone.txt("v=spf1 -all")]))
        #expect(await Self.dns.query("example.com", .a) == .noData)
        #expect(await Self.dns.query("missing.example.com", .txt) == .nonexistentDomain)
        #expect(await Self.dns.query("alias.example.com", .txt) == .records([Zone.txt("v=spf1 -all")]))
        #expect(await Self.dns.query("a..example.com", .txt) == .nonexistentDomain)
    }

    @Test func failuresAreTemporary() async {
        guard case .temporaryFailure = await Self.dns.query("broken.example.com", .txt) else {
            Issue.record("SERVFAIL should be a temporary failure")
            return
        }
        guard case .temporaryFailure = await Self.dns.query("silent.example.com", .txt) else {
            Issue.record("a timeout should be a temporary failure")
            return
        }
        #expect(await Self.dns.query("missing.example.com", .txt).isVoid)
        #expect(!(await Self.dns.query("broken.example.com", .txt).isVoid))
    }
}
