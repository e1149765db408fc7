/// An RFC 3463 enhanced status code `class.subject.detail`, e.g. `5.1.1`.
public struct SMTPEnhancedStatusCode: Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public var statusClass: Int
    public var subject: Int
    public var detail: Int

    public init(_ statusClass: Int, _ subject: Int, _ detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Parses `"5.1.1"`; nil unless it is three dot-separated numbers with a class of 2, 4 or 5.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }),
              let c = Int(parts[0]), let s = Int(parts[1]), let d = Int(parts[2]),
              [2, 4, 5].contains(c)
        else { return nil }
        self.init(c, s, d)
    }

    /// Literals are written by programmers (`"5.5.2"`), so a malformed one is a bug.
    public init(stringLiteral value: String) {
        guard let code = SMTPEnhancedStatusCode(parsing: value) else {
            preconditionFailure("invalid enhanced status code literal \(value)")
        }
        self = code
    }

    public var description: String { "\(statusClass).\(subject).\(detail)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
