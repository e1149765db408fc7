/// Sizes for people: `user list` shows quota usage in the units quotas are written in
/// (`503K / 100M`), where the exact form (`ValueSyntax.formatSize`) would print bytes.
public enum SizeDisplay {
    /// The largest unit (K, M, G, T: powers of 1024) the size reaches; one decimal below
    /// 10 units (`1.5M`), whole units from there (`503K`); bytes below 1K.
    public static func approximate(_ bytes: Int64) -> String {
        let units: [(String, Int64)] = [("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)]
        guard let (unit, factor) = units.first(where: { bytes >= $0.1 }) else { return String(bytes) }
        let value = Double(bytes) / Double(factor)
        if value < 9.95 {
            let tenths = Int64((value * 10).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10)\(unit)" : "\(tenths / 10).\(tenths % 10)\(unit)"
        }
        return "\(Int64(value.rounded()))\(unit)"
    }
}
