/// Compile warnings: a reference, because the validator's checks are non-mutating.
final class SieveWarningLog {
    var items: [String] = []
}

extension SieveValidator {
    /// Refuses, at compile time, a constant `:regex` key that is too long or not a
    /// supported ERE (draft-ietf-sieve-regex §6: "Implementations SHOULD reject regular
    /// expressions that are unsupported by this specification as a syntax error"; §10 lets
    /// an implementation restrict them). Keys built from variables are checked when run.
    func checkRegexKeys(_ keys: [SieveStringValue], _ spec: SieveMatchSpec) throws(SieveCompileError) {
        guard spec.type == .regex else { return }
        for key in keys {
            guard let pattern = key.constant else { continue }
            if pattern.utf8.count > limits.maximumRegexPatternLength {
                throw SieveCompileError("regular expression is \(pattern.utf8.count) bytes long; the limit is "
                                        + "\(limits.maximumRegexPatternLength)", at: key.location)
            }
            do {
                _ = try POSIXRegex(pattern, caseInsensitive: spec.comparator == .asciiCasemap, captures: false)
            } catch {
                throw SieveCompileError(error.message, at: key.location)
            }
        }
    }

    /// The key list and match type of a test that compares strings, checked as above.
    func checkRegexKeys(in kind: SieveTest.Kind) throws(SieveCompileError) {
        switch kind {
        case .address(_, let keys, let match, _, _), .envelope(_, let keys, let match, _),
             .header(_, let keys, let match, _), .body(_, let keys, let match), .string(_, let keys, let match),
             .hasFlag(_, let keys, let match), .date(_, _, _, let keys, let match, _),
             .currentDate(_, _, let keys, let match), .spamTest(_, let keys, let match):
            try checkRegexKeys(keys, match)
        default:
            break
        }
    }
}
