import Foundation

extension ResolverConfiguration {
    /// The system resolver's configuration from `path` (normally `/etc/resolv.conf`); a
    /// missing or unreadable file gives the glibc defaults (the local nameserver).
    public static func system(path: String = "/etc/resolv.conf") -> ResolverConfiguration {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return parseResolvConf(text)
    }
}
