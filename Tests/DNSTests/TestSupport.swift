import Synchronization
@testable import DNS

/// Bytes from hex text; spaces and newlines are ignored.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
        bytes.append(UInt8(String(digits[index...index + 1]), radix: 16)!)
        index += 2
    }
    return bytes
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let time = Mutex<Duration>(.zero)
    var now: Duration { time.withLock { $0 } }
    func advance(by duration: Duration) { time.withLock { $0 += duration } }
    var function: @Sendable () -> Duration { { [self] in self.now } }
}

func record(_ name: DNSName, _ data: RecordData, ttl: UInt32 = 300) -> DNSResourceRecord {
    DNSResourceRecord(name: name, ttl: ttl, data: data)
}

func soa(_ zone: DNSName, ttl: UInt32 = 3600, minimum: UInt32 = 60) -> DNSResourceRecord {
    record(zone, .soa(SOARecord(primaryNameserver: zone.prepending("ns")!, responsibleMailbox: zone.prepending("hostmaster")!,
                                serial: 1, refresh: 3600, retry: 600, expire: 86_400, minimum: minimum)), ttl: ttl)
}

/// The response a server would send to `query`.
func response(to query: DNSMessage, rcode: DNSResponseCode = .noError, answers: [DNSResourceRecord] = [],
              authorities: [DNSResourceRecord] = [], truncated: Bool = false, authenticated: Bool = false) -> DNSMessage {
    var header = query.header
    header.isResponse = true
    header.recursionAvailable = true
    header.truncated = truncated
    header.authenticData = authenticated
    var message = DNSMessage(header: header, questions: query.questions, answers: answers,
                             authorities: authorities, edns: query.edns.map { _ in EDNS() })
    message.responseCode = rcode
    return message
}

/// A transport that answers from a script and records every exchange.
final class ScriptedTransport: DNSTransport {
    struct Call: Sendable, Equatable {
        var name: DNSName
        var type: DNSRecordType
        var server: NameserverAddress
        var transport: DNSTransportProtocol
        var hasEDNS: Bool
    }

    typealias Script = @Sendable (DNSMessage, NameserverAddress, DNSTransportProtocol) throws(DNSTransportError) -> DNSMessage
    private let script: Script
    private let log = Mutex<[Call]>([])

    init(_ script: @escaping Script) {
        self.script = script
    }

    var calls: [Call] { log.withLock { $0 } }

    func exchange(_ query: DNSMessage, with server: NameserverAddress, over transport: DNSTransportProtocol,
                  timeout: Duration) async throws(DNSTransportError) -> DNSMessage {
        let question = query.questions[0]
        log.withLock {
            $0.append(Call(name: question.name, type: question.type, server: server, transport: transport,
                           hasEDNS: query.edns != nil))
        }
        return try script(query, server, transport)
    }
}

/// A zone as a map, answering like a server that does not chase CNAMEs itself.
func zoneScript(_ records: [DNSResourceRecord], apex: DNSName = "example.test") -> ScriptedTransport.Script {
    return { query, _, _ in
        let question = query.questions[0]
        let atName = records.filter { $0.name == question.name }
        if atName.isEmpty {
            return response(to: query, rcode: .nameError, authorities: [soa(apex)])
        }
        let matching = atName.filter { $0.type == question.type }
        if !matching.isEmpty { return response(to: query, answers: matching) }
        let cnames = atName.filter { $0.type == .cname }
        if !cnames.isEmpty { return response(to: query, answers: cnames) }
        return response(to: query, authorities: [soa(apex)])
    }
}

let testServer = NameserverAddress("127.0.0.1:5300")!
let otherServer = NameserverAddress("127.0.0.2:5300")!

func resolver(_ transport: ScriptedTransport, servers: [NameserverAddress] = [testServer], attempts: Int = 1,
              cache: DNSCache = DNSCache()) -> DNSResolver {
    DNSResolver(configuration: ResolverConfiguration(nameservers: servers, timeout: .milliseconds(100), attempts: attempts),
                transport: transport, cache: cache)
}

// Literal names in tests. Not in the module itself: there `DNSName("…")` must stay the
// failable parser (SE-0213 would turn a literal argument into a trapping literal init).
extension DNSName: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = DNSName(value)!
    }
}

/// The failable parser, for tests that feed it literals.
func parse(_ text: String) -> DNSName? { DNSName(text) }
