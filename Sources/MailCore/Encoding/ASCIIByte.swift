/// Byte constants and classifiers for the ASCII-based syntax of RFC 5322 and MIME.
/// Everything in MailCore works on bytes: mail is not guaranteed to be valid UTF-8.
enum ASCIIByte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let leftParen: UInt8 = 0x28
    static let rightParen: UInt8 = 0x29
    static let hyphen: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F
    static let backslash: UInt8 = 0x5C
    static let underscore: UInt8 = 0x5F

    /// RFC 5234 WSP: space or horizontal tab.
    @inline(__always) static func isWSP(_ b: UInt8) -> Bool { b == space || b == tab }

    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    /// Value of a hexadecimal digit in either case, or nil.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
