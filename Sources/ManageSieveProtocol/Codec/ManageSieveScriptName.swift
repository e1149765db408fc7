/// Script name rules of RFC 5804 §1.6.
public enum ManageSieveScriptName {
    /// §1.6: servers must allow at least 128 characters.
    public static let minimumMaxLength = 128

    public enum Problem: Hashable, Sendable, Error {
        case empty
        case notUTF8
        /// Control characters (U+0000–001F, U+007F–009F) or line/paragraph separators
        /// (U+2028, U+2029).
        case forbiddenCharacter
        /// Longer than the server's limit; never truncated (§1.6).
        case tooLong(limit: Int)

        public var message: String {
            switch self {
            case .empty: return "Script name is empty"
            case .notUTF8: return "Script name is not valid UTF-8"
            case .forbiddenCharacter: return "Script name contains a control character or line separator"
            case .tooLong(let limit): return "Script name is longer than \(limit) characters"
            }
        }
    }

    /// The name as text, or why it is refused. `maxLength` counts Unicode scalars.
    public static func validate(_ octets: [UInt8], maxLength: Int) -> Result<String, Problem> {
        guard !octets.isEmpty else { return .failure(.empty) }
        guard let name = String(validating: octets, as: UTF8.self) else { return .failure(.notUTF8) }
        var count = 0
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                return .failure(.forbiddenCharacter)
            default:
                count += 1
            }
        }
        guard count <= maxLength else { return .failure(.tooLong(limit: maxLength)) }
        return .success(name)
    }
}
