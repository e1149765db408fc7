/// A string argument: constant, or with variable references (RFC 5229 §3) expanded at
/// run time.
struct SieveStringValue: Sendable {
    enum Part: Sendable, Equatable {
        case literal(String)
        /// A variable name, lower-cased (names are case-insensitive); "global.x" names a
        /// global variable (RFC 6609 §5).
        case variable(String)
        /// `${0}`…: a match variable.
        case matchVariable(Int)
    }

    var parts: [Part]
    var location: SieveSourceLocation

    init(constant: String, location: SieveSourceLocation) {
        parts = [.literal(constant)]
        self.location = location
    }

    init(parts: [Part], location: SieveSourceLocation) {
        self.parts = parts
        self.location = location
    }

    /// The value when no variable is referenced.
    var constant: String? {
        var text = ""
        for part in parts {
            guard case .literal(let s) = part else { return nil }
            text += s
        }
        return text
    }

    /// Splits `text` into literals and references. A `${…}` that is not a valid reference
    /// stays literal text.
    static func parse(_ text: String, variables: Bool, location: SieveSourceLocation) -> SieveStringValue {
        guard variables, text.contains("${") else { return SieveStringValue(constant: text, location: location) }
        let scalars = Array(text.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "$", i + 1 < scalars.count, scalars[i + 1] == "{",
               let close = scalars[(i + 2)...].firstIndex(of: "}"),
               let reference = reference(String(String.UnicodeScalarView(scalars[(i + 2)..<close]))) {
                if !literal.isEmpty {
                    parts.append(.literal(String(literal)))
                    literal = String.UnicodeScalarView()
                }
                parts.append(reference)
                i = close + 1
                continue
            }
            literal.append(scalars[i])
            i += 1
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(String(literal))) }
        return SieveStringValue(parts: parts, location: location)
    }

    /// `num-variable` or `[namespace "."] identifier` (RFC 5229 §3).
    private static func reference(_ inner: String) -> Part? {
        if !inner.isEmpty, inner.unicodeScalars.allSatisfy({ $0.properties.numericType != nil && $0.isASCII }) {
            // Leading zeros are allowed; huge indexes are simply out of range.
            let significant = inner.drop { $0 == "0" }
            return .matchVariable(significant.count > 9 ? Int.max : Int(significant) ?? 0)
        }
        let components = inner.split(separator: ".", omittingEmptySubsequences: false)
        guard !components.isEmpty, components.allSatisfy({ VariableName.isIdentifier(String($0)) }) else { return nil }
        if components.count == 1 { return .variable(inner.lowercased()) }
        if components.count == 2, components[0].lowercased() == "global" { return .variable(inner.lowercased()) }
        return nil
    }
}

/// Variable name rules (RFC 5229 §3).
enum VariableName {
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first,
              (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
                || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
        }
    }

    /// A name `set`, `global` or `hasflag` may use: an identifier, or `global.identifier`.
    static func isAssignable(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1 { return isIdentifier(name) }
        return parts.count == 2 && parts[0].lowercased() == "global" && isIdentifier(String(parts[1]))
    }
}
