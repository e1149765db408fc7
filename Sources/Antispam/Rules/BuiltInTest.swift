import Foundation
import MailCore

/// Tests that a regular expression cannot express well: MIME structure, proportions,
/// counts. Named in the rules file as `test NAME function [number]`.
enum BuiltInTest: String, Sendable, CaseIterable {
    /// HTML parts and no text/plain part.
    case htmlOnly = "html_only"
    /// Visible text of the HTML is less than ARG of its source size.
    case htmlTextRatioBelow = "html_text_ratio_below"
    /// HTML with images and fewer than ARG words of text.
    case imagesWithLittleText = "images_with_little_text"
    /// At least ARG letters of text styled invisible.
    case hiddenText = "hidden_text"
    /// More than ARG URLs.
    case urlCountAbove = "url_count_above"
    /// A URL whose host is a bare IP address.
    case urlNumericHost = "url_numeric_host"
    /// A link whose visible text is a URL of another domain than its target (phishing).
    case htmlForm = "html_form"
    /// Upper-case share of the Subject's letters at least ARG (with at least 10 letters).
    case subjectCapsRatio = "subject_caps_ratio"
    /// Upper-case share of the text's letters at least ARG (with at least 200 letters).
    case bodyCapsRatio = "body_caps_ratio"
    /// At least ARG `!` in the Subject.
    case subjectExclamations = "subject_exclamations"
    /// The MIME parser had to repair the message.
    case mimeDefects = "mime_defects"
    /// An attachment that runs code (exe, scr, pif, bat, com, js, vbs, jar, msi, lnk…).
    case executableAttachment = "executable_attachment"
    /// A text part sent in base64 (text rarely needs it).
    case base64Text = "base64_text"
    /// Reply-To's domain differs from From's.
    case replyToOtherDomain = "reply_to_other_domain"
    /// No visible text at all.
    case noText = "no_text"
    /// Fewer than ARG words of visible text.
    case fewWords = "few_words"
    /// More than ARG recipients in To and Cc together.
    case manyRecipients = "many_recipients"
    /// The From field has no display name.
    case fromNoName = "from_no_name"
    /// The To address equals the From address.
    case fromEqualsTo = "from_equals_to"
    /// Share of characters in the visible text that are not ASCII at least ARG.
    case nonASCIIRatio = "non_ascii_ratio"
    /// The Subject was encoded (RFC 2047) though it is plain ASCII.
    case needlesslyEncodedSubject = "needlessly_encoded_subject"
    /// A text/html part next to a text/plain part whose words share less than ARG.
    case alternativeMismatch = "alternative_mismatch"
    /// The Date field does not parse or is missing its time zone.
    case malformedDate = "malformed_date"
    /// Message-ID without '@' or without angle brackets.
    case malformedMessageID = "malformed_message_id"

    func evaluate(_ m: SpamMessage, _ arg: Double) -> String? {
        switch self {
        case .htmlOnly:
            let hasHTML = m.leaves.contains { $0.mimeType == "text/html" }
            let hasPlain = m.leaves.contains { $0.mimeType == "text/plain" && $0.contentDisposition?.type != "attachment" }
            return hasHTML && !hasPlain ? "html without text part" : nil
        case .htmlTextRatioBelow:
            let source = m.htmlSource.utf8.count
            guard source > 500 else { return nil }
            let ratio = Double(TextStatistics(m.htmlText).nonWhitespace) / Double(source)
            return ratio < arg ? "text/html \(Int(ratio * 100))%" : nil
        case .imagesWithLittleText:
            guard m.html.images > 0 else { return nil }
            let words = m.textStatistics.words
            return Double(words) < arg ? "\(m.html.images) images, \(words) words" : nil
        case .hiddenText:
            return Double(m.html.hiddenTextLength) >= arg ? "\(m.html.hiddenTextLength) hidden letters" : nil
        case .urlCountAbove:
            return Double(m.urls.count) > arg ? "\(m.urls.count) URLs" : nil
        case .urlNumericHost:
            return m.urls.first { url in
                guard let host = URLScanner.host(of: url) else { return false }
                return host.contains(".") && host.allSatisfy { $0.isNumber || $0 == "." }
            }
        case .htmlForm:
            return m.html.forms > 0 ? "form in HTML" : nil
        case .subjectCapsRatio:
            return TextStatistics(m.header("Subject") ?? "").capsRatio(minimumLetters: 10).flatMap { $0 >= arg ? "\(Int($0 * 100))% capitals" : nil }
        case .bodyCapsRatio:
            return m.textStatistics.capsRatio(minimumLetters: 200).flatMap { $0 >= arg ? "\(Int($0 * 100))% capitals" : nil }
        case .subjectExclamations:
            let count = (m.header("Subject") ?? "").filter { $0 == "!" }.count
            return Double(count) >= arg ? "\(count) !" : nil
        case .mimeDefects:
            let defects = m.message.allParts.flatMap(\.defects)
            return defects.isEmpty ? nil : "\(defects.count) defects"
        case .executableAttachment:
            let risky: Set<String> = ["exe", "scr", "pif", "bat", "com", "cmd", "js", "vbs", "vbe", "jse", "wsf", "jar", "msi", "lnk", "hta", "cpl", "ps1", "iso"]
            for part in m.leaves {
                if let name = part.filename?.lowercased(), let dot = name.lastIndex(of: "."),
                   risky.contains(String(name[name.index(after: dot)...])) { return name }
            }
            return nil
        case .base64Text:
            return m.leaves.contains { $0.contentType.type == "text" && $0.transferEncoding == .base64 } ? "base64 text" : nil
        case .replyToOtherDomain:
            guard let reply = m.header("Reply-To"), let from = m.header("From"),
                  let r = AddressList.mailboxes(in: reply).first?.address.domain.lowercased(),
                  let f = AddressList.mailboxes(in: from).first?.address.domain.lowercased() else { return nil }
            return r != f && !r.hasSuffix("." + f) && !f.hasSuffix("." + r) ? "\(r) vs \(f)" : nil
        case .noText:
            return m.textStatistics.words == 0 ? "no text" : nil
        case .fewWords:
            let words = m.textStatistics.words
            return Double(words) < arg ? "\(words) words" : nil
        case .manyRecipients:
            let count = (m.headers("To") + m.headers("Cc")).map { AddressList.mailboxes(in: $0).count }.reduce(0, +)
            return Double(count) > arg ? "\(count) recipients" : nil
        case .fromNoName:
            guard let from = m.header("From"), let box = AddressList.mailboxes(in: from).first else { return nil }
            return (box.displayName ?? "").isEmpty ? "no name" : nil
        case .fromEqualsTo:
            guard let from = m.header("From"), let to = m.header("To"),
                  let f = AddressList.mailboxes(in: from).first, let t = AddressList.mailboxes(in: to).first else { return nil }
            return f.address.description.lowercased() == t.address.description.lowercased() ? "same address" : nil
        case .nonASCIIRatio:
            let stats = m.textStatistics
            guard stats.nonWhitespace > 50 else { return nil }
            let ratio = Double(stats.nonASCII) / Double(stats.nonWhitespace)
            return ratio >= arg ? "\(Int(ratio * 100))% non-ASCII" : nil
        case .needlesslyEncodedSubject:
            guard let field = m.fields.first(where: { $0.name.lowercased() == "subject" }) else { return nil }
            return field.raw.contains("=?") && field.decoded.unicodeScalars.allSatisfy({ $0.isASCII }) ? "encoded ASCII" : nil
        case .alternativeMismatch:
            guard !m.plainText.isEmpty, !m.htmlText.isEmpty else { return nil }
            let a = Self.longWords(m.plainText), b = Self.longWords(m.htmlText)
            guard a.count >= 10, b.count >= 10 else { return nil }
            let overlap = Double(a.intersection(b).count) / Double(min(a.count, b.count))
            return overlap < arg ? "\(Int(overlap * 100))% shared words" : nil
        case .malformedDate:
            guard let date = m.header("Date") else { return nil }
            return Self.hasNumericZone(date) ? nil : "no numeric zone"
        case .malformedMessageID:
            guard let id = m.fields.first(where: { $0.name.lowercased() == "message-id" })?.raw else { return nil }
            let t = id.trimming(" \t")
            return t.hasPrefix("<") && t.hasSuffix(">") && t.contains("@") ? nil : "malformed"
        }
    }

    /// `[+-]\d{4}` somewhere (ICU's \d: any decimal digit), without the regex engine.
    static func hasNumericZone(_ date: String) -> Bool {
        let scalars = Array(date.unicodeScalars)
        guard scalars.count >= 5 else { return false }
        for i in 0...(scalars.count - 5) where scalars[i] == "+" || scalars[i] == "-" {
            if scalars[(i + 1)...(i + 4)].allSatisfy({ $0.properties.generalCategory == .decimalNumber }) { return true }
        }
        return false
    }

    /// Distinct lower-case words (runs of letters) longer than 3 characters; ASCII text by
    /// bytes, where a Character is a byte (the same words, without grapheme breaking).
    static func longWords(_ text: String) -> Set<String> {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count > 3 }.map(String.init))
        }
        var words = Set<String>()
        for run in text.utf8.split(whereSeparator: { ($0 | 0x20) < 0x61 || ($0 | 0x20) > 0x7A }) where run.count > 3 {
            words.insert(String(decoding: run.lazy.map { $0 | 0x20 }, as: UTF8.self))
        }
        return words
    }
}
