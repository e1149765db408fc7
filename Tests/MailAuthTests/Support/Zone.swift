import DNS
@testable import MailAuth

/// Builds fake zones for SPF, DMARC and inbound tests.
enum Zone {
    static func a(_ text: String) -> RecordData { .a(IPv4Address(text)!) }
    static func aaaa(_ text: String) -> RecordData { .aaaa(IPv6Address(text)!) }
    static func txt(_ text: String) -> RecordData { .txt(TXTRecord(text: text)) }
    static func mx(_ preference: UInt16, _ host: String) -> RecordData { .mx(MXRecord(preference: preference, exchange: DNSName(host)!)) }
    static func ptr(_ host: String) -> RecordData { .ptr(DNSName(host)!) }

    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }
}

/// Answers like `inner`, after `delay`, and counts the questions.
actor SlowDNS: MailAuthDNS {
    let inner: StaticMailAuthDNS
    let delay: Duration
    private(set) var questions: [String] = []
    private var inFlight = 0
    /// The most questions that were waiting for their answers at the same time.
    private(set) var mostInFlight = 0

    init(_ inner: StaticMailAuthDNS, delay: Duration) {
        self.inner = inner
        self.delay = delay
    }

    func query(_ name: String, _ type: DNSRecordType) async -> MailAuthDNSAnswer {
        questions.append("\(name) \(type)")
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        try? await Task.sleep(for: delay)
        inFlight -= 1
        return await inner.query(name, type)
    }
}
