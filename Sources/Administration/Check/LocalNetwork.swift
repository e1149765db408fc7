#if canImport(Glibc)
import Glibc
#endif
import DNS
import Foundation

/// What `postino check` learns from this machine's own network: the outward address and
/// whether a listener accepts connections.
enum LocalNetwork {
    /// The address of the interface that routes towards the internet: a UDP socket
    /// "connected" to a public address (nothing is sent) reports its source address.
    static func outwardAddress() -> IPAddress? {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(53).bigEndian
        inet_pton(AF_INET, "192.0.2.1", &target.sin_addr)  // RFC 5737: never answered, only routed
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        let bytes = withUnsafeBytes(of: local.sin_addr) { Array($0) }
        return IPv4Address(bytes: bytes).map(IPAddress.v4)
    }

    /// True for addresses other servers can reach: not private (RFC 1918), shared (RFC
    /// 6598), loopback, link-local, unique-local (RFC 4193) or documentation (RFC 5737, 3849).
    static func isPublic(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let v4):
            let b = v4.bytes
            if b[0] == 10 || b[0] == 127 || b[0] == 0 { return false }
            if b[0] == 172 && (16...31).contains(b[1]) { return false }
            if b[0] == 192 && b[1] == 168 { return false }
            if b[0] == 169 && b[1] == 254 { return false }
            if b[0] == 100 && (64...127).contains(b[1]) { return false }
            // RFC 5737 documentation networks (test machines use them).
            if (b[0], b[1], b[2]) == (192, 0, 2) || (b[0], b[1], b[2]) == (198, 51, 100) || (b[0], b[1], b[2]) == (203, 0, 113) { return false }
            return true
        case .v6(let v6):
            let b = v6.bytes
            if b[0] & 0xFE == 0xFC { return false }
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }
            if b.dropLast().allSatisfy({ $0 == 0 }) { return false }
            if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // RFC 3849
            return true
        }
    }

    /// Whether something accepts TCP connections at host:port within `timeout` (a wildcard
    /// address is tried on loopback).
    static func accepts(host: String, port: Int, timeout: Duration = .seconds(1)) -> Bool {
        let target = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : host)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(target, String(port), &hints, &result) == 0, let info = result else { return false }
        defer { freeaddrinfo(info) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0
    }
}
