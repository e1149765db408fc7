/// A set of users. Its automatic address `name@domain` exists when the `groups.addresses`
/// setting is on and `addressEnabled` is true; each member then gets a copy according to
/// their own delivery preferences (forwards, keep copy).
public struct Group: Sendable, Hashable {
    public var name: String
    public var addressEnabled: Bool
    /// User names, sorted.
    public var members: [String]

    public init(name: String, addressEnabled: Bool = true, members: [String] = []) {
        self.name = name
        self.addressEnabled = addressEnabled
        self.members = members
    }
}
