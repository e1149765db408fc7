// Fuzz target `mime`: the MailCore message parser, header decoders, codecs and the
// builder round trip. MailCore is compiled with -enable-testing by fuzz/build.sh, so the
// internal invariants can be checked too.
@testable import MailCore

/// Properties that must hold for every input; a violation traps and libFuzzer keeps
/// the input as a crash artifact.
private func check(_ condition: @autoclosure () -> Bool, _ what: String) {
    if !condition() { fatalError("invariant violated: \(what)") }
}

private func checkEntity(_ part: MIMEPart, within parent: Range<Int>, count: Int) {
    check(part.headerRange.upperBound == part.bodyRange.lowerBound, "header ends where body starts")
    check(part.range.lowerBound >= parent.lowerBound && part.range.upperBound <= parent.upperBound, "entity inside parent")
    check(part.bodyRange.upperBound <= count, "ranges inside the buffer")
    check(part.depth <= MIMEParserLimits.default.maximumDepth, "depth bounded")
    for field in part.header {
        check(field.range.lowerBound >= part.headerRange.lowerBound && field.range.upperBound <= part.headerRange.upperBound,
              "field inside header")
        _ = field.decodedValue
    }
    _ = part.filename
    _ = part.charset
    _ = part.decodedText()
    switch part.content {
    case .single:
        break
    case .multipart(let parts):
        var previousEnd = part.bodyRange.lowerBound
        for child in parts {
            check(child.range.lowerBound >= previousEnd, "siblings in order, not overlapping")
            previousEnd = child.range.upperBound
            checkEntity(child, within: part.bodyRange, count: count)
        }
    case .message(let inner):
        check(inner.range == part.bodyRange, "encapsulated message is the body")
        checkEntity(inner, within: part.bodyRange, count: count)
    }
}

func fuzzMIME(_ bytes: [UInt8]) {
    let message = Message(bytes: bytes)
    check(message.root.range == 0..<bytes.count, "the message covers the whole input")
    checkEntity(message.root, within: 0..<bytes.count, count: bytes.count)
    let parts = message.allParts
    check(parts.count <= MIMEParserLimits.default.maximumParts, "entity count bounded")
    for part in parts.prefix(50) where !part.partNumber.isEmpty {
        check(message.part(numbered: part.partNumber) != nil, "part numbers resolve")
    }
    _ = MessageInspector.jsonString(bytes)

    // Header text and parameters on raw bytes.
    let text = String(decoding: bytes.prefix(512), as: UTF8.self)
    _ = EncodedWordDecoder.decodeUnstructured(bytes: Array(bytes.prefix(512)))
    _ = ContentType.parse(bytes: Array(bytes.prefix(512)))?.parameters.map(\.decodedText)
    _ = ContentDisposition.parse(bytes: Array(bytes.prefix(512))).filename
    _ = QuotedPrintableCodec.decode(bytes)
    _ = Base64Codec.decode(bytes)

    // What the builder writes, the parser reads back unchanged.
    let payload = Array(bytes.prefix(4096))
    var builder = MessageBuilder(body: .multipart("mixed", [.text(text), .attachment(payload, type: "application", subtype: "octet-stream", filename: text)]))
    builder.addHeader("Subject", text)
    let rebuilt = Message(bytes: builder.build())
    let expectedSubject = HeaderFieldWriter.removingLineBreaks(text)
    check(rebuilt.subject == expectedSubject, "subject round trip")
    check(rebuilt.root.children.count == 2, "builder structure round trip")
    check(rebuilt.root.children[1].decodedBody() == payload, "attachment round trip")
    check(rebuilt.root.children[0].decodedText() == String(decoding: MessageBuilder.canonicalLineBreaks(Array(text.utf8)), as: UTF8.self),
          "text round trip")
}
