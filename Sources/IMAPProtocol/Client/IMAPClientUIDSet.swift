/// Writes UIDs as a compact sequence set (`1:5,7,9:12`, RFC 3501 §9 `sequence-set`).
public enum IMAPClientUIDSet {
    public static func string(_ uids: some Sequence<UInt32>) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            let start = sorted[index]
            var end = start
            while index + 1 < sorted.count, sorted[index + 1] == end + 1 {
                index += 1
                end = sorted[index]
            }
            parts.append(start == end ? "\(start)" : "\(start):\(end)")
            index += 1
        }
        return parts.joined(separator: ",")
    }
}
