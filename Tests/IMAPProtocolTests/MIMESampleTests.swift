import Foundation
import MailCore
import Testing
@testable import IMAPProtocol

/// The shared sample messages, read at test time (never copied into the project).
enum MIMESamples {
    static let root = URL(fileURLWithPath: "/work/shared/data/mime-samples")
    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }

    static func files() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent.uppercased()
            if ["README", "LICENSE", "COPYING", "SOURCE_COMMIT"].contains(where: name.contains) { continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    static func load(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }
}

/// A minimal reader of IMAP data items, to check that what we encode is well formed.
indirect enum SExpression: Equatable {
    case list([SExpression])
    case string([UInt8])
    case number(UInt64)
    case nilValue

    struct Malformed: Error { let at: Int }

    static func parse(_ bytes: [UInt8]) throws -> SExpression {
        var i = 0
        let value = try read(bytes, &i)
        guard i == bytes.count else { throw Malformed(at: i) }
        return value
    }

    private static func read(_ b: [UInt8], _ i: inout Int) throws -> SExpression {
        guard i < b.count else { throw Malformed(at: i) }
        switch b[i] {
        case 0x28:
            i += 1
            var items: [SExpression] = []
            while true {
                guard i < b.count else { throw Malformed(at: i) }
                if b[i] == 0x29 { i += 1; return .list(items) }
                if !items.isEmpty, b[i] == 0x20 { i += 1 }
                items.append(try read(b, &i))
            }
        case 0x22:
            i += 1
            var out: [UInt8] = []
            while i < b.count, b[i] != 0x22 {
                if b[i] == 0x5C { i += 1 }
                guard i < b.count, b[i] != 0x0D, b[i] != 0x0A, b[i] < 0x80 else { throw Malformed(at: i) }
                out.append(b[i])
                i += 1
            }
            guard i < b.count else { throw Malformed(at: i) }
            i += 1
            return .string(out)
        case 0x7B:
            let close = try index(of: 0x7D, in: b, from: i)
            guard let n = Int(String(decoding: b[(i + 1)..<close], as: UTF8.self)),
                  close + 2 + n <= b.count, b[close + 1] == 0x0D, b[close + 2] == 0x0A else { throw Malformed(at: i) }
            i = close + 3 + n
            return .string(Array(b[(close + 3)..<i]))
        case 0x4E:
            guard b[i..<min(b.count, i + 3)].elementsEqual("NIL".utf8) else { throw Malformed(at: i) }
            i += 3
            return .nilValue
        case 0x30...0x39:
            var n: UInt64 = 0
            while i < b.count, (0x30...0x39).contains(b[i]) {
                n = n * 10 + UInt64(b[i] - 0x30)
                i += 1
            }
            return .number(n)
        default:
            throw Malformed(at: i)
        }
    }

    private static func index(of byte: UInt8, in b: [UInt8], from start: Int) throws -> Int {
        guard let i = b[start...].firstIndex(of: byte) else { throw Malformed(at: start) }
        return i
    }

    var items: [SExpression]? { if case .list(let l) = self { return l } else { return nil } }
    var text: String? { if case .string(let s) = self { return String(decoding: s, as: UTF8.self) } else { return nil } }
    var number: UInt64? { if case .number(let n) = self { return n } else { return nil } }
}

/// (part number, size) of every body part a BODYSTRUCTURE describes, numbered the IMAP way.
func sizedParts(of structure: SExpression, prefix: [UInt32], isMessageBody: Bool) -> [([UInt32], UInt64)] {
    guard let items = structure.items, let first = items.first else { return [] }
    if first.items != nil {
        // Multipart: leading lists are the parts.
        var result: [([UInt32], UInt64)] = []
        for (i, child) in items.prefix(while: { $0.items != nil }).enumerated() {
            result += sizedParts(of: child, prefix: prefix + [UInt32(i + 1)], isMessageBody: false)
        }
        return result
    }
    // A single part; a message's own non-multipart body is its part 1.
    let number = isMessageBody ? prefix + [1] : prefix
    guard items.count > 6, let size = items[6].number else { return [] }
    var result = [(number, size)]
    if first.text?.uppercased() == "MESSAGE", let sub = items[1].text?.uppercased(), sub == "RFC822" || sub == "GLOBAL", items.count > 8 {
        result += sizedParts(of: items[8], prefix: number, isMessageBody: true)
    }
    return result
}

@Suite(.enabled(if: MIMESamples.available, "mime-samples not available"))
struct MIMESampleTests {
    @Test func everySampleGivesWellFormedConsistentStructures() throws {
        let files = MIMESamples.files()
        #expect(files.count > 200)
        var checkedParts = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let message = Message(bytes: bytes)
            let structure = IMAPBodyStructure(message: message)
            let encoded = IMAPResponseEncoder.encodedValue(of: .bodyStructure(structure))
            let plain = IMAPResponseEncoder.encodedValue(of: .body(structure))
            let envelope = IMAPResponseEncoder.encodedValue(of: .envelope(IMAPEnvelope(message: message)))
            guard let parsed = try? SExpression.parse(encoded) else {
                Issue.record("malformed BODYSTRUCTURE for \(file.lastPathComponent)")
                continue
            }
            #expect((try? SExpression.parse(plain)) != nil, "BODY of \(file.path)")
            #expect((try? SExpression.parse(envelope))?.items?.count == 10, "ENVELOPE of \(file.path)")
            // Every part the structure describes can be fetched, with the announced size.
            let sections = IMAPMessageSections(message: message)
            for (number, size) in sizedParts(of: parsed, prefix: [], isMessageBody: true) {
                let body = sections.body(IMAPSection(part: number))
                #expect(body.map { UInt64($0.count) } == size, "\(file.path) part \(number)")
                checkedParts += 1
            }
        }
        #expect(checkedParts > 500)
    }

    /// Exact structures, sizes and line counts checked against Python's `email` package.
    @Test func exactStructuresOfCPythonSamples() throws {
        func structure(_ name: String) throws -> String {
            let message = Message(bytes: try MIMESamples.load(name))
            return String(decoding: IMAPResponseEncoder.encodedValue(of: .bodyStructure(IMAPBodyStructure(message: message))), as: UTF8.self)
        }
        #expect(try structure("cpython-test_email/msg_07.txt") == """
            (("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 36 3 NIL NIL NIL NIL)("IMAGE" "GIF" ("NAME" "dingusfish.gif") NIL NIL "BASE64" 4746 \
            NIL ("ATTACHMENT" ("FILENAME" "dingusfish.gif")) NIL NIL) "MIXED" ("BOUNDARY" "BOUNDARY") NIL NIL NIL)
            """)
        #expect(try structure("cpython-test_email/msg_10.txt") == """
            (("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 32 1 NIL NIL NIL NIL)("TEXT" "HTML" ("CHARSET" "iso-8859-1") NIL NIL \
            "QUOTED-PRINTABLE" 47 1 NIL NIL NIL NIL)("TEXT" "PLAIN" ("CHARSET" "iso-8859-1") NIL NIL "BASE64" 46 2 NIL NIL NIL NIL)("TEXT" "PLAIN" \
            ("CHARSET" "iso-8859-1") NIL NIL "BASE64" 50 2 NIL NIL NIL NIL)("TEXT" "PLAIN" ("CHARSET" "iso-8859-1") NIL NIL "7BIT" 47 1 NIL NIL NIL NIL) \
            "MIXED" ("BOUNDARY" "BOUNDARY") NIL NIL NIL)
            """)
        // message/external-body is not message/rfc822: basic fields only.
        #expect(try structure("cpython-test_email/msg_36.txt").contains("(\"MESSAGE\" \"EXTERNAL-BODY\" (\"ACCESS-TYPE\" \"mail-server\" \"SERVER\" \"mailserv@ietf.org\") NIL NIL \"7BIT\" 133 NIL NIL NIL NIL)"))
    }

    @Test func digestFromCPython() throws {
        // msg_02: a multipart/mixed digest whose third part is a multipart/digest of
        // message/rfc822 parts without Content-Type (RFC 2046 §5.1.5).
        let message = Message(bytes: try MIMESamples.load("cpython-test_email/msg_02.txt"))
        let parsed = try SExpression.parse(IMAPResponseEncoder.encodedValue(of: .bodyStructure(IMAPBodyStructure(message: message))))
        let top = try #require(parsed.items)
        #expect(top.contains(.string(Array("MIXED".utf8))))
        let digest = try #require(top[2].items)
        let inner = digest.prefix(while: { $0.items != nil })
        #expect(inner.count == 5)
        for part in inner {
            #expect(part.items?[0] == .string(Array("MESSAGE".utf8)))
            #expect(part.items?[1] == .string(Array("RFC822".utf8)))
            #expect(part.items?[7].items?.count == 10)
        }
        let envelope = try SExpression.parse(IMAPResponseEncoder.encodedValue(of: .envelope(IMAPEnvelope(message: message))))
        #expect(envelope.items?[1].text == "Ppp digest, Vol 1 #2 - 5 msgs")
        #expect(envelope.items?[3] == .list([.list([.nilValue, .nilValue, .string(Array("ppp-admin".utf8)), .string(Array("zzz.org".utf8))])]))
        let sections = IMAPMessageSections(message: message)
        let firstDigestHeader = try #require(sections.body(IMAPSection(part: [3, 1], text: .header)))
        #expect(String(decoding: firstDigestHeader, as: UTF8.self).contains("Message: 1"))
    }
}
