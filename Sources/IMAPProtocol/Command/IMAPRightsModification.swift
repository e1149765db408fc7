/// SETACL rights: `+rights` adds, `-rights` removes, plain replaces (RFC 4314 §3.1).
public struct IMAPRightsModification: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case replace, add, remove }
    public var mode: Mode
    /// The right letters, lower case ("lrswi").
    public var rights: String

    public init(mode: Mode, rights: String) {
        self.mode = mode
        self.rights = rights
    }
}
