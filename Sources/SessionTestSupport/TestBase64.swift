/// A tiny base64 encoder for protocol tests, so that they don't lean on the code under
/// test (or on Foundation's encoder the sessions use) to build SASL responses.
public func base64(_ text: String) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    let input = Array(text.utf8)
    var out = ""
    var index = 0
    while index < input.count {
        let b0 = Int(input[index])
        let b1 = index + 1 < input.count ? Int(input[index + 1]) : 0
        let b2 = index + 2 < input.count ? Int(input[index + 2]) : 0
        out.append(table[b0 >> 2])
        out.append(table[(b0 & 3) << 4 | b1 >> 4])
        out.append(index + 1 < input.count ? table[(b1 & 15) << 2 | b2 >> 6] : "=")
        out.append(index + 2 < input.count ? table[b2 & 63] : "=")
        index += 3
    }
    return out
}

public func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
public func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
