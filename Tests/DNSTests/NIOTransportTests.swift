import Foundation
import Testing
@testable import DNS
#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket on 127.0.0.1 that reads one query and sends back what the test says,
/// from a background thread (plain sockets, so the server is independent of the code
/// under test).
final class OneShotUDPServer: @unchecked Sendable {
    private let fd: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard descriptor >= 0, bound == 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        // Long: under a loaded parallel test run the client may send its query late.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        fd = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Answers the next query with the datagrams `replies` makes from it.
    func answerOnce(_ replies: @escaping @Sendable (DNSMessage) -> [[UInt8]]) {
        let fd = self.fd
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_535)
            var peer = sockaddr_storage()
            var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let count = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &peerLength) }
            }
            guard count > 0, let query = try? DNSMessage(decoding: Array(buffer[0..<count])) else { return }
            for datagram in replies(query) {
                _ = withUnsafePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, datagram, datagram.count, 0, $0, peerLength) }
                }
            }
        }
    }

    deinit { close(fd) }
}

@Suite struct NIOTransportTests {
    private func encoded(_ message: DNSMessage) -> [UInt8] { (try? message.encoded()) ?? [] }

    @Test func dropsGarbageAndMismatchedDatagramsUntilTheRealAnswer() async throws {
        let server = try OneShotUDPServer()
        let answer = record("mx1.example.test", .a(IPv4Address("192.0.2.1")!))
        server.answerOnce { query in
            var wrongID = response(to: query, answers: [record("mx1.example.test", .a(IPv4Address("203.0.113.66")!))])
            wrongID.header.id &+= 1
            var wrongQuestion = response(to: query)
            wrongQuestion.questions = [DNSQuestion(name: "evil.test", type: .a)]
            return [[0xDE, 0xAD], self.encoded(wrongID), self.encoded(wrongQuestion), self.encoded(response(to: query, answers: [answer]))]
        }
        let query = DNSMessage.query(id: 0x5151, name: "mx1.example.test", type: .a)
        // The answers come at once; the long timeout only matters on a starved test run.
        let reply = try await NIODNSTransport().exchange(query, with: NameserverAddress("127.0.0.1:\(server.port)")!,
                                                         over: .udp, timeout: .seconds(60))
        #expect(reply.header.id == 0x5151)
        #expect(reply.answers == [answer])
    }

    @Test func onlyMismatchedAnswersEndAsMalformedNotTimeout() async throws {
        let server = try OneShotUDPServer()
        server.answerOnce { query in
            var wrongID = response(to: query)
            wrongID.header.id &+= 1
            return [self.encoded(wrongID)]
        }
        let query = DNSMessage.query(id: 7, name: "a.test", type: .a)
        // The wrong answer comes at once; the transport waits out the timeout for a right
        // one, so the timeout is as long as a loaded machine needs to deliver the wrong one.
        await #expect(throws: DNSTransportError.malformed("answer does not match the question")) {
            try await NIODNSTransport().exchange(query, with: NameserverAddress("127.0.0.1:\(server.port)")!,
                                                 over: .udp, timeout: .seconds(10))
        }
    }

    @Test func silenceIsATimeout() async throws {
        let server = try OneShotUDPServer()
        server.answerOnce { _ in [] }
        let started = ContinuousClock.now
        await #expect(throws: DNSTransportError.timeout) {
            try await NIODNSTransport().exchange(DNSMessage.query(id: 7, name: "a.test", type: .a),
                                                 with: NameserverAddress("127.0.0.1:\(server.port)")!,
                                                 over: .udp, timeout: .milliseconds(200))
        }
        // Only catches a timeout that is ignored altogether (the server waits 60 s).
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func closedTCPPortIsUnreachable() async throws {
        let server = try OneShotUDPServer()  // a UDP port: nothing listens on TCP there
        await #expect(throws: DNSTransportError.self) {
            try await NIODNSTransport().exchange(DNSMessage.query(id: 7, name: "a.test", type: .a),
                                                 with: NameserverAddress("127.0.0.1:\(server.port)")!,
                                                 over: .tcp, timeout: .seconds(2))
        }
    }
}
