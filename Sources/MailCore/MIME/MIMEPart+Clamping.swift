extension HeaderField {
    func clamped(to end: Int) -> HeaderField {
        guard range.upperBound > end else { return self }
        return HeaderField(name: name, rawValue: rawValue, range: min(range.lowerBound, end)..<end)
    }
}

extension MIMEPart {
    /// The same entity with every range cut at `end` (an offset inside or after its
    /// header). Used when a delimiter claims the line break that ended the header.
    func clamped(to end: Int) -> MIMEPart {
        func cut(_ r: Range<Int>) -> Range<Int> { min(r.lowerBound, end)..<min(r.upperBound, end) }
        let newContent: Content
        switch content {
        case .single: newContent = .single
        case .multipart(let parts): newContent = .multipart(parts.map { $0.clamped(to: end) })
        case .message(let inner): newContent = .message(inner.clamped(to: end))
        }
        return MIMEPart(source: source, partNumber: partNumber, isMessage: isMessage, depth: depth,
                        headerRange: cut(headerRange), bodyRange: cut(bodyRange),
                        header: HeaderFields(header.map { $0.clamped(to: end) }), contentType: contentType,
                        contentDisposition: contentDisposition, transferEncoding: transferEncoding,
                        content: newContent, defects: defects)
    }
}
