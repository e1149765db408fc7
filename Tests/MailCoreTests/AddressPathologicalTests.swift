import Testing
import MailCore

/// Hostile input: everything must finish (iterative parsers, linear time) and never crash.
/// The 30 s bounds only catch quadratic blow-ups, which take minutes on 100k-octet
/// input; they are not speed tests (those live in bench/).
@Suite("Address parsers on pathological input")
struct AddressPathologicalTests {
    private func elapsed(_ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        return clock.now - start
    }

    @Test("10,000 nested comments")
    func nestedComments() {
        let n = 10_000
        let balanced = String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n) + " a@b.test"
        var result: [AddressListEntry] = []
        #expect(elapsed { result = AddressList.parse(balanced) } < .seconds(30))
        #expect(result == [.mailbox(NamedMailbox(displayName: nil, address: EmailAddress(localPart: "a", domain: "b.test")))])

        let unbalanced = "a@b.test " + String(repeating: "(", count: n)
        #expect(elapsed { result = AddressList.parse(unbalanced) } < .seconds(30))
        #expect(result.count == 1)

        let escaped = "(" + String(repeating: "\\(", count: n) + ") c@d.test"
        #expect(AddressList.parse(escaped).count == 1)
    }

    @Test("10,000 repetitions of each special character", arguments: [
        "\"", "(", ")", "<", ">", "@", ":", ";", ",", ".", "[", "]", "\\", "\r\n", " ", "=?", "\u{0}", "é",
        "<@", "@,", "a:", "\"\\", "(\\", "<a@b.test>", "a@b.test,", "G:a@b.test;", "\"a\"@", "[a]@",
    ])
    func repeatedSpecials(piece: String) {
        let input = String(repeating: piece, count: 10_000)
        var count = -1
        #expect(elapsed { count = AddressList.parse(input).count } < .seconds(30))
        #expect(count >= 0)
    }

    @Test("A long list parses in linear time")
    func longList() {
        let input = Array(repeating: "Name <user@example.com>", count: 20_000).joined(separator: ", ")
        var count = 0
        #expect(elapsed { count = AddressList.parse(input).count } < .seconds(30))
        #expect(count == 20_000)
    }

    @Test("Pseudo-random soup of specials never crashes")
    func randomSoup() {
        let alphabet: [String] = ["\"", "(", ")", "<", ">", "@", ":", ";", ",", ".", "[", "]", "\\", " ",
                                  "\r\n", "a", "b", "é", "=?", "?=", "\t", "\u{0}", "用"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<400 {
                // xorshift64: deterministic, no dependency on the system RNG.
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                text += alphabet[Int(state % UInt64(alphabet.count))]
            }
            _ = AddressList.parse(text)
            _ = try? EmailAddress.parse(text)
            _ = try? SMTPPath.parseForwardPath("<" + text)
            _ = try? SMTPPath.parseReversePath(text)
            _ = try? ESMTPParameters.parse(text)
            _ = try? ESMTPParameters.xtextDecode(text)
        }
    }

    @Test("Huge SMTP arguments fail fast with a message")
    func hugeMailboxes() {
        let n = 100_000
        let inputs = [
            String(repeating: "a", count: n) + "@b.test",
            "\"" + String(repeating: "a", count: n),
            "\"" + String(repeating: "\\a", count: n) + "\"@b.test",
            "a@" + String(repeating: "b.", count: n),
            "a@" + String(repeating: "b.", count: n) + "c",
            "a@" + String(repeating: "ü", count: n),
            "a@[" + String(repeating: "1", count: n) + "]",
            "a@[IPv6:" + String(repeating: "1:", count: n) + "]",
            String(repeating: ".", count: n) + "@b.test",
        ]
        for input in inputs {
            var message: String? = nil
            let time = elapsed {
                do throws(AddressSyntaxError) { _ = try EmailAddress.parse(input) } catch { message = error.message }
            }
            #expect(time < .seconds(30))
            #expect(message != nil)
        }
    }

    @Test("Long source routes and parameter lists are linear")
    func longPaths() throws {
        let route = "<" + Array(repeating: "@relay.test", count: 10_000).joined(separator: ",") + ":u@d.test>"
        var hops = 0
        #expect(elapsed { hops = (try? SMTPPath.parseForwardPath(route).path.sourceRoute.count) ?? 0 } < .seconds(30))
        #expect(hops == 10_000)

        let parameters = (0..<10_000).map { "K\($0)=v" }.joined(separator: " ")
        #expect(try ESMTPParameters.parse(parameters).parameters.count == 10_000)
    }

    @Test("Domain helpers on unbounded constructed values")
    func constructed() {
        let address = EmailAddress(localPart: "a", domain: String(repeating: "ü", count: 100_000))
        var ascii: String? = "x"
        #expect(elapsed { ascii = address.asciiDomain } < .seconds(30))
        #expect(ascii == nil)
        #expect(!address.normalizedDomain.isEmpty)
        _ = EmailAddress(localPart: String(repeating: "\"", count: 10_000), domain: "x").description
    }
}
