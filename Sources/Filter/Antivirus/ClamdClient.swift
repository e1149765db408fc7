import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// ClamAV's clamd over its INSTREAM protocol (clamd(8)), on a TCP (`HOST:PORT`) or Unix
/// (`unix:/path`) socket: `zINSTREAM\0`, chunks of <4-octet big-endian length><data>, a
/// zero length, then one NUL-terminated reply. Blocking, with socket timeouts; call it
/// off the event loop.
public struct ClamdClient: VirusScanner {
    public let endpoint: String
    let timeout: TimeInterval
    /// clamd's StreamMaxLength default is 25 MB; chunks stay far below it.
    let chunkSize = 1 << 16

    public init(endpoint: String, timeout: TimeInterval = 30) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    public func scan(_ read: (([UInt8]) throws -> Bool) throws -> Void) throws -> VirusScanResult {
        let socket = try connect()
        defer { close(socket) }
        try send(socket, Array("zINSTREAM\0".utf8))
        try read { chunk in
            var start = 0
            while start < chunk.count {
                let piece = chunk[start..<min(chunk.count, start + chunkSize)]
                let length = UInt32(piece.count).bigEndian
                try send(socket, withUnsafeBytes(of: length) { Array($0) } + piece)
                start += piece.count
            }
            return true
        }
        try send(socket, [0, 0, 0, 0])
        return try Self.parse(reply: receive(socket))
    }

    public func version() throws -> String {
        let socket = try connect()
        defer { close(socket) }
        try send(socket, Array("zVERSION\0".utf8))
        return try receive(socket)
    }

    /// `stream: OK`, `stream: Name.UNOFFICIAL FOUND`, or an error reply.
    static func parse(reply: String) throws -> VirusScanResult {
        var text = reply
        if text.hasPrefix("stream: ") { text.removeFirst("stream: ".count) }
        if text == "OK" { return .clean }
        if text.hasSuffix(" FOUND") {
            var name = String(text.dropLast(" FOUND".count))
            if name.hasSuffix(".UNOFFICIAL") { name.removeLast(".UNOFFICIAL".count) }
            return .infected(name)
        }
        throw VirusScannerError("clamd: \(reply)")
    }

    private func connect() throws -> Int32 {
        if endpoint.hasPrefix("unix:") {
            let path = String(endpoint.dropFirst(5))
            let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw VirusScannerError("clamd: socket: \(Self.errorText())") }
            setTimeouts(fd)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                close(fd)
                throw VirusScannerError("clamd: socket path too long: \(path)")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (i, byte) in bytes.enumerated() { raw[i] = byte }
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard result == 0 else {
                let text = Self.errorText()
                close(fd)
                throw VirusScannerError("clamd: connect \(endpoint): \(text)")
            }
            return fd
        }
        guard let colon = endpoint.lastIndex(of: ":") else { throw VirusScannerError("clamd: bad address \(endpoint)") }
        var host = String(endpoint[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = String(endpoint[endpoint.index(after: colon)...])
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &list) == 0, let first = list else {
            throw VirusScannerError("clamd: cannot resolve \(endpoint)")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            if fd >= 0 {
                setTimeouts(fd)
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                lastError = Self.errorText()
                close(fd)
            }
            entry = info.pointee.ai_next
        }
        throw VirusScannerError("clamd: connect \(endpoint): \(lastError)")
    }

    private func setTimeouts(_ fd: Int32) {
        var value = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private func send(_ fd: Int32, _ bytes: some Collection<UInt8>) throws {
        let data = Array(bytes)
        var sent = 0
        while sent < data.count {
            let n = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, data.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                // clamd closes the socket after "INSTREAM size limit exceeded": read its reply.
                if errno == EPIPE || errno == ECONNRESET, let reply = try? receive(fd), !reply.isEmpty {
                    throw VirusScannerError("clamd: \(reply)")
                }
                throw VirusScannerError("clamd: send: \(Self.errorText())")
            }
            sent += n
        }
    }

    /// One reply, up to its NUL (or newline, or the end of the connection).
    private func receive(_ fd: Int32) throws -> String {
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while reply.count < 1 << 16 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw VirusScannerError(errno == EAGAIN ? "clamd: timed out" : "clamd: receive: \(Self.errorText())")
            }
            if n == 0 { break }
            reply += buffer[0..<n]
            if let end = reply.firstIndex(where: { $0 == 0 || $0 == 0x0A }) {
                reply.removeSubrange(end...)
                break
            }
        }
        guard !reply.isEmpty else { throw VirusScannerError("clamd: no reply") }
        return String(decoding: reply, as: UTF8.self)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
