/// Where one service listens.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// The listeners of one `serve` run: the defaults for the current user (every service on by
/// default), then the
/// `--listen NAME=HOST:PORT` / `NAME=PORT` / `NAME=off` overrides in order.
public struct ListenPlan: Sendable, Equatable {
    public private(set) var addresses: [ServiceName: ListenAddress]

    public init(privileged: Bool) {
        var addresses: [ServiceName: ListenAddress] = [:]
        for service in ServiceName.allCases where service.isOnByDefault {
            addresses[service] = ListenAddress(
                host: service.defaultHost,
                port: privileged ? service.standardPort : service.unprivilegedPort)
        }
        self.addresses = addresses
    }

    public mutating func apply(_ override: String) throws(ListenPlanError) {
        guard let eq = override.firstIndex(of: "=") else {
            throw ListenPlanError("--listen \(override): expected NAME=HOST:PORT or NAME=off")
        }
        let name = String(override[..<eq]).lowercased(), value = String(override[override.index(after: eq)...])
        guard let service = ServiceName(rawValue: name) else {
            let names = ServiceName.allCases.map(\.rawValue).joined(separator: ", ")
            throw ListenPlanError("--listen: unknown service \"\(name)\" (one of \(names))")
        }
        if value.lowercased() == "off" {
            addresses[service] = nil
            return
        }
        addresses[service] = try Self.parseAddress(value, defaultHost: service.defaultHost, service: name)
    }

    /// Accepts `HOST:PORT`, `[IPv6]:PORT`, `:PORT` and `PORT`.
    static func parseAddress(_ text: String, defaultHost: String, service: String) throws(ListenPlanError) -> ListenAddress {
        var host = defaultHost, portText = text
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ListenPlanError("--listen \(service)=\(text): expected [IPv6]:PORT")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = String(text[text.index(close, offsetBy: 2)...])
        } else if let colon = text.lastIndex(of: ":") {
            if colon != text.startIndex { host = String(text[..<colon]) }
            portText = String(text[text.index(after: colon)...])
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ListenPlanError("--listen \(service)=\(text): \"\(portText)\" is not a port number")
        }
        return ListenAddress(host: host, port: port)
    }

    public var enabled: [(ServiceName, ListenAddress)] {
        addresses.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

public struct ListenPlanError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
