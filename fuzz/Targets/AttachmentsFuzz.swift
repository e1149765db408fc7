// Fuzz target `attachments`: the attachment blocker's detector (module Filter) — magic
// numbers, zip directories, OLE2 compound files, TNEF names on raw content, and the
// streaming MIME scanner, whose parts must not depend on how the message is chunked.
// The first input byte selects: even = raw content, odd = a message.
@testable import Filter

private let everything = AttachmentPolicy(blocked: Set(AttachmentCategory.allCases), extensions: ["img", "iso", "dat"])

func fuzzAttachments(_ data: [UInt8]) {
    guard let selector = data.first else { return }
    let input = Array(data.dropFirst())
    if selector % 2 == 0 { fuzzAttachmentContent(input, selector: selector) } else { fuzzAttachmentMessage(input) }
}

private func fuzzAttachmentContent(_ content: [UInt8], selector: UInt8) {
    let type = FileTypeDetector.detect(content)
    let zip = ZipDirectory(content)
    fuzzCheck(zip.members.count <= 10_000 + 1, "zip members bounded")
    fuzzCheck(zip.members.allSatisfy { $0.head.count <= 4096 }, "zip member heads bounded")
    if let document = OLE2Document(content) {
        fuzzCheck(!document.entries.isEmpty, "an OLE2 document has entries")
        fuzzCheck(document.entries.count <= 4096 * 32, "OLE2 directory bounded")
        _ = document.isMSI
        _ = document.hasMacros
    }
    fuzzCheck(TNEFNames.names(in: content).count <= 1000, "TNEF names bounded")
    let names = [nil, "a.exe", "winmail.dat", "x.zip", "doc.doc"]
    let mimeTypes = ["application/octet-stream", "application/ms-tnef"]
    let part = ScannedPart(filename: names[Int(selector / 2) % names.count], mimeType: mimeTypes[Int(selector / 16) % 2],
                           content: content, complete: true)
    let findings = AttachmentInspector.findings(in: part, policy: everything)
    fuzzCheck(Set(findings).count == findings.count, "findings reported once")
    if type?.category != nil { fuzzCheck(!findings.isEmpty, "a blocked type is found") }
    let none = AttachmentInspector.findings(in: part, policy: AttachmentPolicy(blocked: []))
    fuzzCheck(none.isEmpty, "nothing found when nothing is blocked")
}

private func fuzzAttachmentMessage(_ message: [UInt8]) {
    let limit = 4096
    var whole = MIMEStreamScanner(containerLimit: limit)
    whole.feed(message)
    whole.finish()
    var chunked = MIMEStreamScanner(containerLimit: limit)
    var offset = 0
    var chunk = 1
    while offset < message.count {
        let end = min(message.count, offset + chunk)
        chunked.feed(Array(message[offset..<end]))
        chunk = Int(message[end - 1] % 37) + 1
        offset = end
    }
    chunked.finish()
    fuzzCheck(whole.parts.count == chunked.parts.count, "as many parts whatever the chunking")
    for (a, b) in zip(whole.parts, chunked.parts) {
        fuzzCheck(a.filename == b.filename && a.mimeType == b.mimeType, "part names independent of the chunking")
        fuzzCheck(a.content == b.content && a.complete == b.complete, "part content independent of the chunking")
    }
    for part in whole.parts {
        fuzzCheck(part.content.count <= max(limit, FileTypeDetector.headLength), "part content bounded")
        let findings = AttachmentInspector.findings(in: part, policy: everything)
        fuzzCheck(Set(findings).count == findings.count, "findings reported once")
    }
}
