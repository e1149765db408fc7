import Foundation

/// Compiles the rules file (see `DefaultRules.text` for the format) into a `RuleSet`.
///
/// One declaration per line; `#` starts a comment line; blank lines are ignored.
///
///     header   NAME  Field =~ /regex/flags    any field Field (decoded) matches;
///                                             Field ALL = every field as "Name: value"
///     header   NAME  Field !~ /regex/flags    Field exists and does not match
///     missing  NAME  Field                    no field Field
///     body     NAME  /regex/flags             the visible text (plain + text of HTML)
///     rawbody  NAME  /regex/flags             the text parts before HTML is stripped
///     uri      NAME  /regex/flags             any URL (text and HTML links)
///     test     NAME  function [number]        a built-in test (BuiltInTest)
///     meta     NAME  expression               rule names with ! && || ( )
///     describe NAME  text                     what the rule means
///
/// Flags: i (case-insensitive), m (^ $ at lines), s (. matches line ends). Names are
/// upper case letters, digits and `_`; names starting with `__` are helpers for metas that
/// never appear in a verdict. Weights live apart, in the weights table
/// (`score NAME weight` lines, see `WeightTable`).
public enum RuleFile {
    public static func compile(_ text: String) throws(RuleFileError) -> RuleSet {
        var rules: [SpamRule] = []
        var descriptions: [String: String] = [:]
        var seen: Set<String> = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count >= 2 else { throw .init(line: lineNumber, message: "expected KIND NAME …") }
            let kind = String(parts[0]), name = String(parts[1])
            let rest = parts.count > 2 ? String(parts[2]).trimmingWhitespace() : ""
            guard name.allSatisfy({ ($0.isUppercase && $0.isASCII) || $0.isNumber || $0 == "_" }), name.drop(while: { $0 == "_" }).first?.isLetter == true else {
                throw .init(line: lineNumber, message: "rule name \(name) must be upper case letters, digits and _")
            }
            if kind == "describe" { descriptions[name] = rest; continue }
            guard !seen.contains(name) else { throw .init(line: lineNumber, message: "rule \(name) is defined twice") }
            seen.insert(name)
            let test: RuleTest
            switch kind {
            case "header":
                let fieldEnd = rest.firstIndex(of: " ") ?? rest.endIndex
                let field = String(rest[rest.startIndex..<fieldEnd])
                let op = rest[fieldEnd...].trimmingWhitespace()
                guard !field.isEmpty, op.hasPrefix("=~") || op.hasPrefix("!~") else {
                    throw .init(line: lineNumber, message: "expected header NAME Field =~ /regex/")
                }
                let pattern = try pattern(op.dropFirst(2).trimmingWhitespace(), line: lineNumber)
                test = .header(field: field, pattern: pattern, negated: op.hasPrefix("!~"))
            case "missing":
                guard !rest.isEmpty, !rest.contains(" ") else { throw .init(line: lineNumber, message: "expected missing NAME Field") }
                test = .missing(field: rest)
            case "body": test = .body(try pattern(rest, line: lineNumber))
            case "rawbody": test = .rawBody(try pattern(rest, line: lineNumber))
            case "uri": test = .uri(try pattern(rest, line: lineNumber))
            case "test":
                let words = rest.split(separator: " ")
                guard let first = words.first, let function = BuiltInTest(rawValue: String(first)) else {
                    throw .init(line: lineNumber, message: "unknown test function '\(rest)' (known: \(BuiltInTest.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                var argument = 0.0
                if words.count > 1 {
                    guard words.count == 2, let value = Double(words[1]) else { throw .init(line: lineNumber, message: "expected one number after \(first)") }
                    argument = value
                }
                test = .builtIn(function, argument)
            case "meta":
                var parser = MetaParser(text: rest, line: lineNumber)
                let expression = try parser.parse()
                for referenced in expression.names where !seen.contains(referenced) || referenced == name {
                    throw .init(line: lineNumber, message: "meta \(name) uses \(referenced), which is not defined above it")
                }
                test = .meta(expression)
            default:
                throw .init(line: lineNumber, message: "unknown kind '\(kind)' (header, missing, body, rawbody, uri, test, meta, describe)")
            }
            rules.append(SpamRule(name: name, description: "", test: test, line: lineNumber))
        }
        for name in descriptions.keys where !seen.contains(name) {
            throw .init(line: 0, message: "describe names unknown rule \(name)")
        }
        return RuleSet(rules: rules.map { SpamRule(name: $0.name, description: descriptions[$0.name] ?? "", test: $0.test, line: $0.line) })
    }

    static func pattern(_ text: String, line: Int) throws(RuleFileError) -> RulePattern {
        guard text.hasPrefix("/"), let last = text.lastIndex(of: "/"), last > text.startIndex else {
            throw .init(line: line, message: "expected /regex/flags")
        }
        let source = String(text[text.index(after: text.startIndex)..<last])
        var options: ICURegex.Options = []
        for flag in text[text.index(after: last)...] {
            switch flag {
            case "i": options.insert(.caseInsensitive)
            case "m": options.insert(.multiline)
            case "s": options.insert(.dotAll)
            default: throw .init(line: line, message: "unknown regex flag '\(flag)' (i, m, s)")
            }
        }
        do {
            return RulePattern(regex: try ICURegex(source, options: options), source: source)
        } catch {
            throw .init(line: line, message: "invalid regular expression /\(source)/")
        }
    }
}

public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { line > 0 ? "rules line \(line): \(message)" : "rules: \(message)" }
}

/// `A && !(B || C)`.
struct MetaParser {
    var tokens: [String]
    var position = 0
    let line: Int

    init(text: String, line: Int) {
        self.line = line
        var tokens: [String] = []
        var current = ""
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if c.isLetter || c.isNumber || c == "_" { current.append(c); continue }
            if !current.isEmpty { tokens.append(current); current = "" }
            if c == "&" || c == "|" {
                if chars.first == c { chars = chars.dropFirst() }
                tokens.append(String([c, c]))
            } else if c == "!" || c == "(" || c == ")" {
                tokens.append(String(c))
            } else if c != " " {
                tokens.append(String(c))
            }
        }
        if !current.isEmpty { tokens.append(current) }
        self.tokens = tokens
    }

    mutating func parse() throws(RuleFileError) -> MetaExpression {
        let e = try parseOr()
        guard position == tokens.count else { throw .init(line: line, message: "unexpected '\(tokens[position])' in meta") }
        return e
    }

    mutating func parseOr() throws(RuleFileError) -> MetaExpression {
        var e = try parseAnd()
        while position < tokens.count, tokens[position] == "||" { position += 1; e = .or(e, try parseAnd()) }
        return e
    }

    mutating func parseAnd() throws(RuleFileError) -> MetaExpression {
        var e = try parseUnary()
        while position < tokens.count, tokens[position] == "&&" { position += 1; e = .and(e, try parseUnary()) }
        return e
    }

    mutating func parseUnary() throws(RuleFileError) -> MetaExpression {
        guard position < tokens.count else { throw .init(line: line, message: "meta expression ends too early") }
        let t = tokens[position]
        position += 1
        if t == "!" { return .not(try parseUnary()) }
        if t == "(" {
            let e = try parseOr()
            guard position < tokens.count, tokens[position] == ")" else { throw .init(line: line, message: "missing ) in meta") }
            position += 1
            return e
        }
        guard t.first?.isLetter == true || t.first == "_" else { throw .init(line: line, message: "unexpected '\(t)' in meta") }
        return .rule(t)
    }
}

extension StringProtocol {
    /// As `trimmingCharacters(in: .whitespaces)` (tab and the Zs spaces), without
    /// Foundation's CharacterSet, which made up a fifth of compiling the rules.
    func trimmingWhitespace() -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        // The scalars' bytes made a String at once (appending the scalars one by one was
        // a tenth of start-up).
        return String(decoding: utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }
}
