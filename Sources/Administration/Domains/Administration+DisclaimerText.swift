import Directory
import MailAuth

/// A domain's disclaimer: the Markdown the administrator wrote and what mail gets.
public struct DisclaimerRow: Codable, Sendable, Hashable {
    public var markdown: String
    /// What text/plain parts get.
    public var text: String
    /// What text/html parts get (an HTML fragment, the Markdown renderer's output).
    public var html: String

    public init(markdown: String) {
        let disclaimer = Disclaimer(markdown: markdown)
        self.markdown = markdown
        text = disclaimer.plainText
        html = disclaimer.html
    }
}

extension Administration {
    /// The domain's disclaimer with its renderings; nil when none is set.
    public func disclaimer(domain name: String) throws(AdminError) -> DisclaimerRow? {
        guard let found = try directoryCall({ () throws(DirectoryError) in try directory.domain(named: name) }) else {
            throw .notFound("unknown domain \(name)")
        }
        return found.disclaimer.map(DisclaimerRow.init(markdown:))
    }
}
