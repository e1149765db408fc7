/// The validated form of a script: commands and tests with typed arguments, ready to run.

/// COMPARATOR and MATCH-TYPE of a test.
struct SieveMatchSpec: Sendable {
    var comparator: SieveComparator = .asciiCasemap
    var type: SieveMatchType = .is
}

/// ADDRESS-PART (RFC 5228 §2.7.4, RFC 5233).
enum SieveAddressPart: Sendable, Equatable {
    case all, localpart, domain, user, detail
}

/// `:index N [:last]` (RFC 5260 §6).
struct SieveHeaderIndex: Sendable {
    var position: Int
    var fromEnd: Bool
}

/// BODY-TRANSFORM (RFC 5173 §5).
enum SieveBodyTransform: Sendable {
    case raw
    case content([SieveStringValue])
    case text
}

/// Where the date test takes its zone from (RFC 5260 §4.1).
enum SieveDateZone: Sendable {
    case local
    case original
    case explicit(SieveStringValue)
}

/// `set` modifiers (RFC 5229 §4.1), applied highest precedence first; `:quoteregex`
/// comes with "regex" (draft-ietf-sieve-regex §7.2, precedence 20).
enum SieveVariableModifier: String, Sendable, CaseIterable {
    case lower, upper, lowerfirst, upperfirst, quotewildcard, quoteregex, length

    var precedence: Int {
        switch self {
        case .lower, .upper: return 40
        case .lowerfirst, .upperfirst: return 30
        case .quotewildcard, .quoteregex: return 20
        case .length: return 10
        }
    }
}

enum SieveFlagEdit: Sendable {
    case set, add, remove
}

struct SieveVacationCommand: Sendable {
    /// Seconds; nil for the default.
    var period: SievePeriod?
    var subject: SieveStringValue?
    var from: SieveStringValue?
    var addresses: [SieveStringValue]
    var mime: Bool
    var handle: SieveStringValue?
    var reason: SieveStringValue
}

/// `:days N` or `:seconds N` (RFC 5230 §4.1, RFC 6131).
enum SievePeriod: Sendable {
    case days(Int)
    case seconds(Int)
}

struct SieveDuplicateTest: Sendable {
    var handle: SieveStringValue?
    var header: SieveStringValue?
    var uniqueID: SieveStringValue?
    var seconds: Int?
    var last: Bool
}

/// One executable command with where it was written (for runtime errors).
struct SieveCommand: Sendable {
    indirect enum Kind: Sendable {
        case conditional([SieveConditionalBranch], otherwise: [SieveCommand]?)
        case stop
        case keep(flags: [SieveStringValue]?)
        case discard
        case redirect(address: SieveStringValue, copy: Bool)
        case fileinto(mailbox: SieveStringValue, flags: [SieveStringValue]?, copy: Bool, create: Bool)
        case reject(reason: SieveStringValue, extended: Bool)
        case set(name: String, value: SieveStringValue, modifiers: [SieveVariableModifier])
        case flags(SieveFlagEdit, variable: SieveStringValue?, flags: [SieveStringValue])
        case vacation(SieveVacationCommand)
        case include(name: String, location: SieveIncludeLocationKind, once: Bool, optional: Bool)
        case returnFromInclude
        case global([String])
        case addHeader(name: SieveStringValue, value: SieveStringValue, last: Bool)
        case deleteHeader(name: SieveStringValue, patterns: [SieveStringValue]?, match: SieveMatchSpec, index: SieveHeaderIndex?)
    }

    var kind: Kind
    var location: SieveSourceLocation
}

struct SieveConditionalBranch: Sendable {
    var test: SieveTest
    var block: [SieveCommand]
}

/// One executable test.
struct SieveTest: Sendable {
    indirect enum Kind: Sendable {
        case allOf([SieveTest])
        case anyOf([SieveTest])
        case not(SieveTest)
        case constant(Bool)
        case address(headers: [SieveStringValue], keys: [SieveStringValue], match: SieveMatchSpec,
                     part: SieveAddressPart, index: SieveHeaderIndex?)
        case envelope(parts: [SieveStringValue], keys: [SieveStringValue], match: SieveMatchSpec, part: SieveAddressPart)
        case header(names: [SieveStringValue], keys: [SieveStringValue], match: SieveMatchSpec, index: SieveHeaderIndex?)
        case exists([SieveStringValue])
        case size(over: Bool, limit: Int)
        case body(transform: SieveBodyTransform, keys: [SieveStringValue], match: SieveMatchSpec)
        case string(sources: [SieveStringValue], keys: [SieveStringValue], match: SieveMatchSpec)
        case hasFlag(variables: [SieveStringValue]?, keys: [SieveStringValue], match: SieveMatchSpec)
        case date(header: SieveStringValue, zone: SieveDateZone, part: SieveStringValue, keys: [SieveStringValue],
                  match: SieveMatchSpec, index: SieveHeaderIndex?)
        case currentDate(zone: SieveStringValue?, part: SieveStringValue, keys: [SieveStringValue], match: SieveMatchSpec)
        case mailboxExists([SieveStringValue])
        case spamTest(percent: Bool, keys: [SieveStringValue], match: SieveMatchSpec)
        case duplicate(SieveDuplicateTest)
    }

    var kind: Kind
    var location: SieveSourceLocation
}

/// A compiled script: validated, with every argument typed. Compile once, run for every
/// delivery (it is a value, safe to share between threads).
public struct SieveScript: Sendable {
    /// The name given at compile time (used in errors and for include loops).
    public let name: String
    /// The capabilities its `require` commands named.
    public let requiredExtensions: Set<SieveExtension>
    /// What compiles but will not do what it seems to ("line L, column C: …"): an unknown
    /// date part (RFC 5260 §4.2), for instance.
    public let warnings: [String]
    let commands: [SieveCommand]
}
