import Testing
@testable import MailClient

@Suite("MailConnection over loopback")
struct MailConnectionTests {
    func connect(_ chunks: [String], readTimeout: Duration = .seconds(5)) async throws -> (CannedServer, MailConnection) {
        let server = try await CannedServer(sending: chunks.map { Array($0.utf8) })
        let connection = try await MailConnection.connect(
            ConnectionSettings(host: "127.0.0.1", port: server.port, tls: .none, readTimeout: readTimeout))
        return (server, connection)
    }

    @Test func readsLinesSplitAcrossPackets() async throws {
        let (server, connection) = try await connect(["* OK hel", "lo\r\nsecond\nthird\r", "\n"])
        #expect(String(decoding: try await connection.readLine(), as: UTF8.self) == "* OK hello")
        #expect(String(decoding: try await connection.readLine(), as: UTF8.self) == "second")
        #expect(String(decoding: try await connection.readLine(), as: UTF8.self) == "third")
        await connection.close()
        await server.stop()
    }

    @Test func readsIMAPResponsesWithLiterals() async throws {
        let (server, connection) = try await connect([
            "* 1 FETCH (UID 7 BODY[] {5}\r\nab", "\r\nc FLAGS (\\Seen))\r\n",
            "* 2 FETCH (BODY[] {0}\r\n)\r\na1 OK done\r\n",
        ])
        let first = String(decoding: try await connection.readIMAPResponse(), as: UTF8.self)
        #expect(first == "* 1 FETCH (UID 7 BODY[] {5}\r\nab\r\nc FLAGS (\\Seen))")
        let second = String(decoding: try await connection.readIMAPResponse(), as: UTF8.self)
        #expect(second == "* 2 FETCH (BODY[] {0}\r\n)")
        #expect(String(decoding: try await connection.readIMAPResponse(), as: UTF8.self) == "a1 OK done")
        await connection.close()
        await server.stop()
    }

    @Test func readsPOP3MultiLineWithDotStuffing() async throws {
        let (server, connection) = try await connect(["+OK\r\nline\r\n..dot\r\n", "\r\n.\r\n+OK next\r\n"])
        #expect(String(decoding: try await connection.readLine(), as: UTF8.self) == "+OK")
        let body = String(decoding: try await connection.readPOP3MultiLine(), as: UTF8.self)
        #expect(body == "line\r\n.dot\r\n\r\n")
        #expect(String(decoding: try await connection.readLine(), as: UTF8.self) == "+OK next")
        await connection.close()
        await server.stop()
    }

    @Test func readTimesOut() async throws {
        let (server, connection) = try await connect(["partial"], readTimeout: .milliseconds(200))
        await #expect(throws: MailClientError.self) { _ = try await connection.readLine() }
        do {
            _ = try await connection.readLine()
            Issue.record("expected a timeout")
        } catch {
            #expect(error.kind == "timeout")
        }
        await connection.close()
        await server.stop()
    }

    @Test func closedConnectionIsReported() async throws {
        let server = try await CannedServer(sending: [])
        let port = server.port
        await server.stop()
        do {
            _ = try await MailConnection.connect(ConnectionSettings(host: "127.0.0.1", port: port, tls: .none))
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.kind == "refused")
        }
    }

    @Test func unknownHostIsADNSFailure() async throws {
        do {
            _ = try await MailConnection.connect(
                ConnectionSettings(host: "no-such-host.invalid", port: 143, tls: .none, connectTimeout: .seconds(5)))
            Issue.record("resolved an .invalid name")
        } catch {
            #expect(error.kind == "dns")
        }
    }

    @Test func literalLengthIsFoundAtLineEnd() {
        let line = Array("* 1 FETCH (BODY[] {123}".utf8)
        let buffer = ByteBufferBox(line)
        #expect(MailConnection.literalLength(endingAt: buffer.view.endIndex, in: buffer.view, from: buffer.view.startIndex) == 123)
        let plus = ByteBufferBox(Array("a APPEND x {9+}".utf8))
        #expect(MailConnection.literalLength(endingAt: plus.view.endIndex, in: plus.view, from: plus.view.startIndex) == 9)
        let none = ByteBufferBox(Array("* OK {notaliteral}".utf8))
        #expect(MailConnection.literalLength(endingAt: none.view.endIndex, in: none.view, from: none.view.startIndex) == nil)
    }
}

import NIOCore

struct ByteBufferBox {
    let view: ByteBufferView
    init(_ bytes: [UInt8]) { view = ByteBuffer(bytes: bytes).readableBytesView }
}
