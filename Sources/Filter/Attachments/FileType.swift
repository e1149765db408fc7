/// What the attachment blocker recognises, by content.
public enum FileType: String, Sendable, Hashable, CaseIterable {
    case peExecutable = "PE executable"
    case elf = "ELF executable"
    case machO = "Mach-O executable"
    case msi = "MSI installer"
    case javaClass = "Java class"
    case script = "script"
    case zip, rar, sevenZip = "7z", gzip, bzip2, xz, zstd, tar, cab, iso = "ISO 9660"
    /// An OLE2 compound file (.doc, .xls, .ppt, .msg) that is not an MSI.
    case ole2 = "OLE2 document"

    /// The blocker category the type belongs to, if any.
    public var category: AttachmentCategory? {
        switch self {
        case .peExecutable, .elf, .machO, .msi, .javaClass, .script: return .executables
        case .zip, .rar, .sevenZip, .gzip, .bzip2, .xz, .zstd, .tar, .cab, .iso: return .archives
        case .ole2: return nil
        }
    }
}

/// The groups an administrator switches on in `filter.attachments.block`.
public enum AttachmentCategory: String, Sendable, Hashable, CaseIterable {
    case executables, archives, macros

    /// Singular, for the refusal text ("forbidden attachment (executable: setup.exe)").
    public var singular: String {
        switch self {
        case .executables: return "executable"
        case .archives: return "archive"
        case .macros: return "macro"
        }
    }
}

/// Recognises file types from their first octets (magic numbers), never from names.
public enum FileTypeDetector {
    /// `head` is the start of the decoded content; `whole` the full content when it was
    /// kept (needed for ISO 9660, whose signature sits at offset 32769, and tar's at 257).
    public static func detect(_ head: [UInt8]) -> FileType? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && head[offset..<(offset + magic.count)].elementsEqual(magic)
        }
        if starts([0x4D, 0x5A]) { return .peExecutable }                            // "MZ"
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return .elf }                           // "\x7FELF"
        if starts([0xFE, 0xED, 0xFA, 0xCE]) || starts([0xFE, 0xED, 0xFA, 0xCF])
            || starts([0xCE, 0xFA, 0xED, 0xFE]) || starts([0xCF, 0xFA, 0xED, 0xFE]) { return .machO }
        if starts([0xCA, 0xFE, 0xBA, 0xBE]) {
            // Java class files and Mach-O fat binaries share CAFEBABE: a class file's next
            // field is its version (major ≥ 45), a fat binary's its architecture count (small).
            guard head.count >= 8 else { return .javaClass }
            let major = Int(head[6]) << 8 | Int(head[7])
            return major >= 45 ? .javaClass : .machO
        }
        if starts([0x23, 0x21]) { return .script }                                    // "#!"
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06])
            || starts([0x50, 0x4B, 0x07, 0x08]) { return .zip }
        if starts(Array("Rar!\u{1A}\u{07}".utf8)) { return .rar }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .sevenZip }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts(Array("BZh".utf8)) { return .bzip2 }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts(Array("MSCF".utf8)) { return .cab }
        if starts(Array("ustar".utf8), at: 257) { return .tar }
        if starts(Array("CD001".utf8), at: 32769) || starts(Array("CD001".utf8), at: 34817) { return .iso }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return OLE2Document(head)?.isMSI == true ? .msi : .ole2
        }
        return nil
    }

    /// File name extensions that are executable without any magic number (scripts and
    /// shortcuts run by Windows by name): blocked with `executables`.
    public static let scriptExtensions: Set<String> = [
        "bat", "cmd", "com", "scr", "pif", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "ps1", "lnk", "jar",
    ]

    /// Octets needed to recognise every type (ISO 9660's second descriptor).
    public static let headLength = 34817 + 5
}
