#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a `:regex` pattern cannot be used; `message` is plain words for a compile or
/// runtime error.
struct SieveRegexError: Error, Sendable, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A POSIX extended regular expression compiled with regcomp(3) (draft-ietf-sieve-regex-01
/// §6: "Implementations MUST support extended regular expressions (EREs) as defined by
/// [IEEE.1003-2.1992]"), after `RegexSyntax.check` has refused what the draft excludes
/// (back-references, word boundaries, GNU escapes).
///
/// Compiled in the C locale, so the pattern and the text are octets: REG_ICASE then folds
/// ASCII letters only, exactly what i;ascii-casemap does (draft §5), and a non-ASCII
/// character counts as its UTF-8 bytes. Without REG_NEWLINE, as IEEE 1003.2 (the draft's
/// definitive reference) and Pigeonhole have it: "." also matches a line break.
///
/// Not Sendable: one execution compiles and uses its own (see `RegexCache`).
final class POSIXRegex {
    private let storage: UnsafeMutablePointer<regex_t>
    /// Parenthesised groups (re_nsub).
    let groupCount: Int
    private let captures: Bool

    /// - Parameters:
    ///   - caseInsensitive: REG_ICASE, for i;ascii-casemap.
    ///   - captures: false compiles with REG_NOSUB (no match variables wanted).
    init(_ pattern: String, caseInsensitive: Bool, captures: Bool) throws(SieveRegexError) {
        try RegexSyntax.check(pattern)
        var flags = REG_EXTENDED
        if caseInsensitive { flags |= REG_ICASE }
        if !captures { flags |= REG_NOSUB }
        let storage = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
        let status = CLocale.run { regcomp(storage, pattern, Int32(flags)) }
        guard status == 0 else {
            let message = Self.errorText(status, storage)
            storage.deallocate()  // regcomp frees what it allocated when it fails
            throw SieveRegexError("invalid regular expression \"\(pattern)\": \(message)")
        }
        self.storage = storage
        self.captures = captures
        groupCount = Int(storage.pointee.re_nsub)
    }

    deinit {
        regfree(storage)
        storage.deallocate()
    }

    /// When `text` matches: the whole match and then each group in the order of its
    /// opening parenthesis ("" for a group that took no part), as the match variables
    /// ${0}, ${1}… of draft §7.1 / RFC 5229 §3.2; an empty array when compiled without
    /// captures. Nil when it does not match.
    func match(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        let slots = captures ? groupCount + 1 : 1
        var matches = [regmatch_t](repeating: regmatch_t(), count: slots)
        // REG_STARTEND: the text is given by its length, so a NUL in it is just a byte.
        matches[0].rm_so = 0
        matches[0].rm_eo = regoff_t(bytes.count)
        let terminated = bytes.map { CChar(bitPattern: $0) } + [0]
        let status = terminated.withUnsafeBufferPointer { chars -> Int32 in
            matches.withUnsafeMutableBufferPointer { slotsBuffer in
                regexec(storage, chars.baseAddress, captures ? slots : 0, slotsBuffer.baseAddress, Int32(REG_STARTEND))
            }
        }
        guard status == 0 else { return nil }
        guard captures else { return [] }
        return matches.map { slot in
            let start = Int(slot.rm_so), end = Int(slot.rm_eo)
            guard start >= 0, end >= start, end <= bytes.count else { return "" }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    private static func errorText(_ status: Int32, _ regex: UnsafeMutablePointer<regex_t>) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = regerror(status, regex, &buffer, buffer.count)
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Runs regcomp in the C locale whatever the process locale is, so that the octet
/// semantics above hold.
private enum CLocale {
    static func run<T>(_ body: () -> T) -> T {
        #if os(Linux)
        // LC_CTYPE and LC_COLLATE are what regcomp consults (glibc's masks are 1 << category).
        let mask = Int32(1 << LC_CTYPE) | Int32(1 << LC_COLLATE)
        guard let c = newlocale(mask, "C", nil) else { return body() }
        let previous = uselocale(c)
        defer {
            uselocale(previous)
            freelocale(c)
        }
        return body()
        #else
        return body()
        #endif
    }
}

/// The compiled patterns of one execution, by pattern and flags: a pattern is compiled
/// once however many values it is tried on.
final class RegexCache {
    private struct Key: Hashable {
        var pattern: String
        var caseInsensitive: Bool
        var captures: Bool
    }

    private var compiled: [Key: POSIXRegex] = [:]

    func regex(_ pattern: String, caseInsensitive: Bool, captures: Bool) throws(SieveRegexError) -> POSIXRegex {
        let key = Key(pattern: pattern, caseInsensitive: caseInsensitive, captures: captures)
        if let regex = compiled[key] { return regex }
        let regex = try POSIXRegex(pattern, caseInsensitive: caseInsensitive, captures: captures)
        if compiled.count < 256 { compiled[key] = regex }
        return regex
    }
}
