import MailCore

/// Turns one recipient address into the mailboxes and addresses that receive it. Reads
/// one consistent view of the directory (`DirectoryEntries`), whichever directory it is.
///
/// Order of the rules for `local@domain` (domain and local part case-insensitive):
/// 1. the domain must be an enabled domain of the directory, else `.domainNotLocal`
///    (a removed or disabled domain refuses mail; its users and mail stay); a relay
///    domain accepts everything and routes it to its server;
/// 2. a local part with routing characters (`%`, `!`, `@`) is never routed anywhere: only
///    an alias spelled exactly like it matches, else `.unknownRecipient`;
/// 3. an address bound to the domain, then one bound to every domain, then a user, then
///    a group's automatic address (when `groups.addresses` is on and the group's own flag
///    is on; `.disabled` when only the group's flag is off), then `postmaster` and `abuse`
///    (RFC 5321 §4.5.1, RFC 2142 §2: they must exist), which go to the administrators;
/// 4. `base+tag`: step 3 for `base`, the tag kept as subaddress;
/// 5. the domain's catch-all destination;
/// 6. `.unknownRecipient`.
/// Internal-only addresses are refused for external senders (only the address matched in
/// step 3/4 counts: an alias the administrator points at an internal one passes).
///
/// Expansion: an alias goes to each destination; a group to each member; a user to their
/// forwards (plus their mailbox when keeping a copy) or else to their mailbox; a local
/// address (alias target, forward, catch-all, copy) is resolved again from step 3.
/// Cycles: a step that would revisit a node on the current path (or go deeper than
/// `maxDepth`) is dropped and the rest is delivered; only when nothing deliverable
/// remains is the result `.loop`. Dropping is safer than bouncing: a forward cycle set up
/// by two users must not refuse mail that also has a reachable mailbox.
struct RecipientResolver<Entries: DirectoryEntries> {
    /// Nodes on one path (an alias hop is two: the address and the alias), far above any
    /// sane configuration; Postfix bounds alias recursion similarly.
    static var maxDepth: Int { 50 }
    static var postmasterNames: Set<String> { ["postmaster", "abuse"] }

    let entries: Entries
    let groupAddresses: Bool
    private var domainCache: [String: Domain?] = [:]

    init(_ entries: Entries) throws {
        self.entries = entries
        groupAddresses = ValueSyntax.parseBool(try entries.setting(.groupAddresses)) ?? false
    }

    /// A directory entry an address leads to.
    enum Entry: Hashable {
        case alias(id: Int64, internalOnly: Bool)
        case user(String)
        case group(String)
        /// postmaster@ and abuse@ without an explicit alias.
        case administrators
        /// The domain's catch-all destination.
        case catchAll(EmailAddress)
    }

    enum Lookup {
        case found(Entry, subaddress: String?)
        case refused(Refusal)
    }

    /// Nodes for cycle detection.
    enum Node: Hashable {
        case alias(Int64), user(String), group(String), administrators, address(String)
    }

    struct Expansion {
        var destinations: [FinalDestination] = []
        var keys: Set<String> = []
        var path: Set<Node> = []
        var depth = 0
        /// Nodes already fully expanded: expanding them again adds nothing.
        var done: Set<Node> = []
        var sawCycle = false
        /// The first reason a branch delivered nothing (other than a cycle).
        var deadEnd: Refusal?
        /// Every user reached, whether or not they keep a copy (for sender checks).
        var users: Set<String> = []
        var viaCatchAll = false

        mutating func add(_ destination: FinalDestination) {
            if keys.insert(destination.dedupKey).inserted { destinations.append(destination) }
        }

        mutating func note(_ refusal: Refusal) {
            if deadEnd == nil { deadEnd = refusal }
        }
    }

    // MARK: - Entry point

    mutating func resolve(_ text: String, sender: SenderContext) throws -> Resolution {
        try resolveTop(text, sender: sender, allowCatchAll: true).resolution
    }

    /// The core of `resolve` and of sender checks: the resolution and the expansion it
    /// came from (nil when refused before expanding).
    mutating func resolveTop(_ text: String, sender: SenderContext, allowCatchAll: Bool) throws -> (resolution: Resolution, expansion: Expansion?) {
        // RFC 5321 §4.5.1: "Postmaster" without a domain must be accepted.
        if text.lowercased() == "postmaster" {
            let local = "postmaster"
            var x = Expansion()
            let entry = try allDomainAlias(local) ?? .administrators
            if case let .alias(_, internalOnly) = entry, internalOnly, !sender.isLocal {
                return (.refused(.internalOnly), nil)
            }
            try expand(entry, tag: nil, &x)
            return (try finish(x, subaddress: nil, copyTo: nil), x)
        }

        let address: EmailAddress
        do {
            address = try EmailAddress.parse(text)
        } catch {
            return (.refused(.invalidSyntax(error.message)), nil)
        }
        guard !address.isAddressLiteral, let domain = try enabledDomain(address.normalizedDomain) else {
            return (.refused(.domainNotLocal), nil)
        }
        if let relay = domain.relay {
            var x = Expansion()
            x.add(.relay(EmailAddress(localPart: address.localPart, domain: domain.name), relay))
            return (try finish(x, subaddress: nil, copyTo: domain.copyTo), x)
        }

        let local = address.localPart.lowercased()
        let lookup = try self.lookup(local: local, domain: domain, allowCatchAll: allowCatchAll)
        guard case let .found(entry, tag) = lookup else {
            if case let .refused(refusal) = lookup { return (.refused(refusal), nil) }
            return (.refused(.unknownRecipient), nil)
        }
        if case let .alias(_, internalOnly) = entry, internalOnly, !sender.isLocal {
            return (.refused(.internalOnly), nil)
        }
        var x = Expansion()
        if case .catchAll = entry { x.viaCatchAll = true }
        x.path.insert(.address("\(local)@\(domain.name)"))
        try expand(entry, tag: tag, &x)
        return (try finish(x, subaddress: tag, copyTo: domain.copyTo), x)
    }

    /// Destinations found → deliver with copies; none → the reason.
    private mutating func finish(_ x: Expansion, subaddress: String?, copyTo: EmailAddress?) throws -> Resolution {
        guard !x.destinations.isEmpty else {
            return .refused(x.sawCycle ? .loop : (x.deadEnd ?? .unknownRecipient))
        }
        // Copies: resolved like any address, never repeating a destination. A copy that
        // resolves to nothing is skipped: it must not refuse the message itself.
        var copies = Expansion()
        copies.keys = x.keys
        let copyAll = try entries.setting(.copyAllTo)
        for target in [copyTo, RowDecoding.storedAddress(copyAll.isEmpty ? nil : copyAll)].compactMap({ $0 }) {
            copies.path = []
            try expandAddress(target, &copies)
        }
        return .deliver(ResolvedRecipients(destinations: x.destinations, copies: copies.destinations, subaddress: subaddress))
    }

    // MARK: - Lookup (steps 2–6)

    mutating func lookup(local: String, domain: Domain, allowCatchAll: Bool = true) throws -> Lookup {
        if local.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "@") }) {
            if let alias = try alias(local, domain: domain.name) ?? allDomainAlias(local) {
                return .found(alias, subaddress: nil)
            }
            return .refused(.unknownRecipient)
        }
        if let exact = try exact(local, domain: domain) { return exact }
        // RFC 5233 style subaddress: the first '+' separates the tag.
        if let plus = local.firstIndex(of: "+"), plus != local.startIndex {
            let base = String(local[..<plus])
            let tag = String(local[local.index(after: plus)...])
            switch try exact(base, domain: domain) {
            case let .found(entry, _)?: return .found(entry, subaddress: tag)
            case let .refused(refusal)?: return .refused(refusal)
            case nil: break
            }
        }
        if allowCatchAll, let catchAll = domain.catchAll {
            return .found(.catchAll(catchAll), subaddress: nil)
        }
        return .refused(.unknownRecipient)
    }

    /// Step 3 for one local part, nil when nothing matches.
    private mutating func exact(_ local: String, domain: Domain) throws -> Lookup? {
        if let alias = try alias(local, domain: domain.name) ?? allDomainAlias(local) {
            return .found(alias, subaddress: nil)
        }
        if try entries.hasUser(local) {
            return .found(.user(local), subaddress: nil)
        }
        if groupAddresses, let enabled = try entries.groupAddressEnabled(local) {
            return enabled ? .found(.group(local), subaddress: nil)
                : .refused(.disabled("the address of group \(local) is disabled"))
        }
        if Self.postmasterNames.contains(local) {
            return .found(.administrators, subaddress: nil)
        }
        return nil
    }

    private func alias(_ local: String, domain: String) throws -> Entry? {
        try entries.alias(local: local, domain: domain).map { .alias(id: $0.id, internalOnly: $0.internalOnly) }
    }

    private func allDomainAlias(_ local: String) throws -> Entry? {
        try entries.alias(local: local, domain: nil).map { .alias(id: $0.id, internalOnly: $0.internalOnly) }
    }

    /// An enabled domain of the directory, nil otherwise.
    private mutating func enabledDomain(_ raw: String) throws -> Domain? {
        var name = raw.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if let cached = domainCache[name] { return cached }
        let domain = try entries.domain(named: name).flatMap { $0.enabled ? $0 : nil }
        domainCache[name] = domain
        return domain
    }

    // MARK: - Expansion

    private mutating func expand(_ entry: Entry, tag: String?, _ x: inout Expansion) throws {
        switch entry {
        case let .alias(id, _):
            try visit(.alias(id), &x) { resolver, x in
                for destination in try resolver.entries.destinations(ofAlias: id) {
                    switch destination {
                    case let .user(name): try resolver.expand(.user(name), tag: tag, &x)
                    case let .group(name): try resolver.expand(.group(name), tag: tag, &x)
                    case let .publicMailbox(name): x.add(.publicMailbox(name))
                    case let .external(address): try resolver.expandAddress(address, &x)
                    }
                }
            }
        case let .user(name):
            try visit(.user(name), &x) { resolver, x in
                x.users.insert(name)
                let (forwards, keepCopy) = try resolver.entries.delivery(ofUser: name)
                if forwards.isEmpty || keepCopy {
                    x.add(.mailbox(user: name, subaddress: tag))
                }
                for forward in forwards {
                    try resolver.expandAddress(forward, &x)
                }
            }
        case let .group(name):
            try visit(.group(name), &x) { resolver, x in
                let members = try resolver.entries.members(ofGroup: name)
                if members.isEmpty { x.note(.disabled("group \(name) has no members")) }
                for member in members { try resolver.expand(.user(member), tag: tag, &x) }
            }
        case .administrators:
            try visit(.administrators, &x) { resolver, x in
                let admins = try resolver.entries.administrators()
                if admins.isEmpty { x.note(.unknownRecipient) }
                for admin in admins { try resolver.expand(.user(admin), tag: tag, &x) }
            }
        case let .catchAll(address):
            try expandAddress(address, &x)
        }
    }

    /// A target given as an address: local ones are looked up again (their own `+tag`
    /// applies), others leave the server.
    private mutating func expandAddress(_ address: EmailAddress, _ x: inout Expansion) throws {
        guard !address.isAddressLiteral, let domain = try enabledDomain(address.normalizedDomain) else {
            x.add(.external(address))
            return
        }
        if let relay = domain.relay {
            x.add(.relay(EmailAddress(localPart: address.localPart, domain: domain.name), relay))
            return
        }
        let local = address.localPart.lowercased()
        try visit(.address("\(local)@\(domain.name)"), &x) { resolver, x in
            switch try resolver.lookup(local: local, domain: domain) {
            case let .found(entry, tag): try resolver.expand(entry, tag: tag, &x)
            case let .refused(refusal): x.note(refusal)
            }
        }
    }

    /// Runs `body` with `node` on the path; a node already on the path is a cycle and is
    /// skipped, as is anything past `maxDepth`.
    private mutating func visit(_ node: Node, _ x: inout Expansion, _ body: (inout RecipientResolver, inout Expansion) throws -> Void) throws {
        if x.done.contains(node) { return }
        if x.path.contains(node) || x.depth >= Self.maxDepth {
            x.sawCycle = true
            return
        }
        x.path.insert(node)
        x.depth += 1
        defer {
            x.path.remove(node)
            x.depth -= 1
        }
        try body(&self, &x)
        x.done.insert(node)
    }
}
