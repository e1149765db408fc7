@testable import Filter
import Foundation
import Intake
import Testing

@Suite("Filter: file types by content, archives, OLE2, rules, clamd replies")
struct FileTypeTests {
    @Test(arguments: [
        ([0x4D, 0x5A, 0x90, 0x00], FileType.peExecutable),
        ([0x7F, 0x45, 0x4C, 0x46, 2], .elf),
        ([0xCF, 0xFA, 0xED, 0xFE], .machO),
        ([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 52], .javaClass),
        ([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2], .machO),
        (Array("#!/bin/sh\n".utf8), .script),
        ([0x50, 0x4B, 0x03, 0x04], .zip),
        (Array("Rar!\u{1A}\u{07}\u{00}".utf8), .rar),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], .sevenZip),
        ([0x1F, 0x8B, 8], .gzip),
        (Array("BZh9".utf8), .bzip2),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], .xz),
        ([0x28, 0xB5, 0x2F, 0xFD], .zstd),
        (Array("MSCF\0\0\0\0".utf8), .cab),
    ] as [([UInt8], FileType)])
    func magicNumbers(bytes: [UInt8], type: FileType) {
        #expect(FileTypeDetector.detect(bytes) == type)
    }

    @Test func tarAndISOSignaturesAtTheirOffsets() {
        var tar = [UInt8](repeating: 0, count: 512)
        tar.replaceSubrange(257..<262, with: Array("ustar".utf8))
        #expect(FileTypeDetector.detect(tar) == .tar)
        var iso = [UInt8](repeating: 0, count: 32774)
        iso.replaceSubrange(32769..<32774, with: Array("CD001".utf8))
        #expect(FileTypeDetector.detect(iso) == .iso)
        #expect(FileTypeDetector.detect(Array("%PDF-1.7".utf8)) == nil)
        #expect(FileTypeDetector.detect([0x89, 0x50, 0x4E, 0x47]) == nil)
    }

    @Test func zipMembersAreListedAndAStoredExecutableIsRecognised() {
        // One stored member "a.exe" holding "MZ", then the central directory.
        var zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0]
        zip += Array("a.exe".utf8) + [0x4D, 0x5A]
        let part = ScannedPart(filename: "photos.zip", mimeType: "application/zip", content: zip, complete: true)
        let findings = AttachmentInspector.findings(in: part, policy: AttachmentPolicy(blocked: [.executables]))
        #expect(findings.map(\.description).contains("executable: a.exe in photos.zip"))
        let archives = AttachmentInspector.findings(in: part, policy: AttachmentPolicy(blocked: [.archives]))
        #expect(archives.map(\.description) == ["archive: photos.zip"])
    }

    @Test func accessRulesMatchAddressesDomainsAndSubdomains() {
        let domain = AccessRule(kind: .blockFrom, value: "Example.COM")
        #expect(domain.matches("a@example.com") && domain.matches("a@mail.example.com") && domain.matches("A@EXAMPLE.COM"))
        #expect(!domain.matches("a@badexample.com") && !domain.matches("a@example.com.evil") && !domain.matches(""))
        let address = AccessRule(kind: .allowFrom, value: "boss@example.com")
        #expect(address.matches("Boss@Example.com") && !address.matches("other@example.com"))
        #expect(AccessRule.validate("example") != nil && AccessRule.validate("a@example.com") == nil && AccessRule.validate("x.test") == nil)
    }

    @Test func clamdRepliesAreParsed() throws {
        #expect(try ClamdClient.parse(reply: "stream: OK") == .clean)
        #expect(try ClamdClient.parse(reply: "stream: Custom.Test.EICAR-NDB.UNOFFICIAL FOUND") == .infected("Custom.Test.EICAR-NDB"))
        #expect(throws: VirusScannerError.self) { try ClamdClient.parse(reply: "INSTREAM size limit exceeded. ERROR") }
    }

    @Test func theStreamingScannerFindsPartsAcrossChunksAndNestedMessages() {
        let exe = Data([0x4D, 0x5A] + Array(repeating: 0x41, count: 300)).base64EncodedString(options: .lineLength76Characters)
        let message = """
        Content-Type: multipart/mixed; boundary="outer"\r
        \r
        --outer\r
        Content-Type: text/plain\r
        \r
        hello\r
        --outer\r
        Content-Type: message/rfc822\r
        \r
        Subject: inner\r
        Content-Type: multipart/mixed; boundary=inner\r
        \r
        --inner\r
        Content-Type: application/octet-stream; name="setup.pdf"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(exe.replacingOccurrences(of: "\n", with: "\r\n"))\r
        --inner--\r
        --outer--\r

        """
        var scanner = MIMEStreamScanner()
        for chunk in Array(message.utf8).chunked(into: 7) { scanner.feed(chunk) }
        scanner.finish()
        let named = scanner.parts.filter { $0.filename != nil }
        #expect(named.map(\.filename) == ["setup.pdf"])
        #expect(named.first.map { FileTypeDetector.detect($0.content) } == .peExecutable)
    }
}

/// A scanner that answers without clamd.
struct FakeScanner: VirusScanner {
    let result: Result<VirusScanResult, VirusScannerError>
    func scan(_ read: (([UInt8]) throws -> Bool) throws -> Void) throws -> VirusScanResult {
        try read { _ in true }
        return try result.get()
    }
    func version() throws -> String { "fake" }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min(count, $0 + size)]) }
    }
}
