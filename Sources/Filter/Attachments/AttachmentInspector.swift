import Foundation

/// Why an attachment is forbidden: its category and what was found (type and name).
public struct AttachmentFinding: Sendable, Hashable {
    /// nil for the custom extension list.
    public var category: AttachmentCategory?
    /// "setup.exe", "setup.exe in invoice.zip", "PE executable"…
    public var what: String

    /// "executable: setup.exe", "extension: disk.img".
    public var description: String { "\(category?.singular ?? "extension"): \(what)" }
}

/// The attachment policy an administrator set.
public struct AttachmentPolicy: Sendable, Hashable {
    public var blocked: Set<AttachmentCategory>
    /// Custom extensions (lowercase, no dot).
    public var extensions: Set<String>

    public init(blocked: Set<AttachmentCategory>, extensions: Set<String> = []) {
        self.blocked = blocked
        self.extensions = extensions
    }
}

/// Decides about one scanned part: what it is by content (and, for scripts, shortcuts and
/// the custom list, by name), what is inside it one level down (zip members, TNEF names),
/// and whether an Office document carries macros.
enum AttachmentInspector {
    static func findings(in part: ScannedPart, policy: AttachmentPolicy) -> [AttachmentFinding] {
        var found: [AttachmentFinding] = []
        let label = part.filename ?? part.mimeType
        func add(_ category: AttachmentCategory?, _ what: String) {
            if let category, !policy.blocked.contains(category) { return }
            found.append(AttachmentFinding(category: category, what: what))
        }
        checkName(part.filename, inside: nil, policy: policy, add: add)
        let type = FileTypeDetector.detect(part.content)
        if let type, let category = type.category {
            add(category, part.filename ?? type.rawValue)
        }
        switch type {
        case .zip:
            let zip = ZipDirectory(part.content)
            for member in zip.members {
                let base = member.name.split(separator: "/").last.map(String.init) ?? member.name
                if base.lowercased() == "vbaproject.bin" { add(.macros, label) }
                checkName(base, inside: label, policy: policy, add: add)
                if let inner = FileTypeDetector.detect(member.head), inner.category == .executables {
                    add(.executables, "\(base) in \(label)")
                }
            }
        case .ole2, .msi:
            if let document = OLE2Document(part.content), document.hasMacros { add(.macros, label) }
        default:
            break
        }
        if MIMEStreamScanner.looksLikeContainer(mimeType: part.mimeType, filename: part.filename) {
            for name in TNEFNames.names(in: part.content) { checkName(name, inside: label, policy: policy, add: add) }
        }
        var seen = Set<AttachmentFinding>()
        return found.filter { seen.insert($0).inserted }
    }

    /// Names alone decide for scripts and shortcuts (no magic number) and the custom list.
    static func checkName(_ name: String?, inside container: String?, policy: AttachmentPolicy,
                          add: (AttachmentCategory?, String) -> Void) {
        guard let name, let dot = name.lastIndex(of: ".") else { return }
        let ext = name[name.index(after: dot)...].lowercased().trimmingCharacters(in: .whitespaces)
        let what = container.map { "\(name) in \($0)" } ?? name
        if FileTypeDetector.scriptExtensions.contains(ext) { add(.executables, what) }
        if container != nil, ["exe", "dll", "msi", "scr", "com", "cpl", "sys"].contains(ext) { add(.executables, what) }
        // The custom list applies whatever categories are switched on.
        if policy.extensions.contains(ext) { add(nil, what) }
    }
}
