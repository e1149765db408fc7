/// A refusal or temporary failure as the client will see it: an SMTP reply code, an
/// RFC 3463 enhanced status and text. Protocol-neutral so connectors and the CLI can use it.
public struct IntakeReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var enhanced: String
    public var text: String

    public init(_ code: Int, _ enhanced: String, _ text: String) {
        self.code = code
        self.enhanced = enhanced
        self.text = text
    }

    public var isTemporary: Bool { code >= 400 && code < 500 }
    public var description: String { "\(code) \(enhanced) \(text)" }

    public static let queueWriteError = IntakeReply(451, "4.3.0", "Error: queue file write error")
    public static let outOfSpace = IntakeReply(452, "4.3.1", "Insufficient system storage")
}
