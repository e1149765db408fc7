/// Parsers and formatters for the value syntaxes of settings, shared with the CLI
/// (e.g. `--quota 2G`).
public enum ValueSyntax {
    /// Exactly `true`/`false`/`on`/`off` (any case): the words the documentation gives.
    public static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "on": return true
        case "false", "off": return false
        default: return nil
        }
    }

    /// `20M` → 20971520. Suffixes K, M, G, T (powers of 1024, case-insensitive, an
    /// optional trailing `B` or `iB`); no suffix = bytes.
    public static func parseSize(_ text: String) -> Int64? {
        var s = Substring(Text.trim(text).uppercased())
        if s.hasSuffix("IB") { s = s.dropLast(2) } else if s.hasSuffix("B") { s = s.dropLast() }
        var multiplier: Int64 = 1
        switch s.last {
        case "K": multiplier = 1 << 10
        case "M": multiplier = 1 << 20
        case "G": multiplier = 1 << 30
        case "T": multiplier = 1 << 40
        default: break
        }
        if multiplier != 1 { s = s.dropLast() }
        s = Substring(Text.trim(String(s)))
        guard !s.isEmpty, s.allSatisfy(Text.isDigit), let number = Int64(s) else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }

    /// The largest unit that divides exactly: 20971520 → `20M`, 1500 → `1500`.
    public static func formatSize(_ bytes: Int64) -> String {
        guard bytes != 0 else { return "0" }
        for (unit, shift) in [("T", 40), ("G", 30), ("M", 20), ("K", 10)] where bytes % (Int64(1) << shift) == 0 {
            return "\(bytes >> shift)\(unit)"
        }
        return String(bytes)
    }

    /// `4d`, `4h`, `30m`, `10s`, combinations such as `1d12h`, or plain seconds → seconds.
    public static func parseDuration(_ text: String) -> Int64? {
        let s = Text.trim(text).lowercased()
        guard !s.isEmpty else { return nil }
        if s.allSatisfy(Text.isDigit) { return Int64(s) }
        var total: Int64 = 0
        var digits = ""
        for ch in s {
            if Text.isDigit(ch) {
                digits.append(ch)
                continue
            }
            let unit: Int64
            switch ch {
            case "w": unit = 604_800
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            case "s": unit = 1
            default: return nil
            }
            guard let n = Int64(digits) else { return nil }
            let (part, o1) = n.multipliedReportingOverflow(by: unit)
            let (sum, o2) = total.addingReportingOverflow(part)
            if o1 || o2 { return nil }
            total = sum
            digits = ""
        }
        return digits.isEmpty ? total : nil
    }

    /// 100800 → `1d4h`; 0 → `0s`.
    public static func formatDuration(_ seconds: Int64) -> String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var out = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }

    /// Splits a list on commas and whitespace, dropping empty items.
    static func listItems(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }
}
