/// Splits Markdown text into blocks: ATX headings, paragraphs, bullet and ordered lists
/// (nested by indentation, CommonMark style) and thematic breaks. Anything else is
/// paragraph text.
enum MarkdownBlockParser {
    /// Lists nested deeper than this are read as plain text.
    static let maximumDepth = 8

    static func parse(_ text: String) -> [MarkdownBlock] {
        // "\r\n" is a single Character in Swift: split on every kind of line end.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map { expandingLeadingTabs($0) }
        return parse(lines: lines, depth: 0)
    }

    private static func parse(lines: [String], depth: Int) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            blocks.append(.paragraph(MarkdownInlineParser.parse(paragraphText(paragraph))))
            paragraph.removeAll()
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) {
                flushParagraph()
                i += 1
            } else if let heading = heading(line) {
                flushParagraph()
                blocks.append(.heading(level: heading.level, MarkdownInlineParser.parse(heading.text)))
                i += 1
            } else if isThematicBreak(line) {
                flushParagraph()
                blocks.append(.thematicBreak)
                i += 1
            } else if depth < maximumDepth, let marker = listMarker(line) {
                flushParagraph()
                let (list, next) = parseList(lines, from: i, first: marker, depth: depth)
                blocks.append(list)
                i = next
            } else {
                paragraph.append(line)
                i += 1
            }
        }
        flushParagraph()
        return blocks
    }

    // MARK: Lists

    struct ListMarker {
        var ordered: Bool
        var number: Int
        /// Where the item's content starts; continuation lines are indented this far.
        var contentColumn: Int
    }

    private static func parseList(_ lines: [String], from start: Int, first: ListMarker, depth: Int) -> (MarkdownBlock, Int) {
        var items: [[MarkdownBlock]] = []
        var i = start
        while i < lines.count, let marker = listMarker(lines[i]), marker.ordered == first.ordered {
            var itemLines = [String(lines[i].dropFirst(min(marker.contentColumn, lines[i].count)))]
            i += 1
            var previousBlank = false
            while i < lines.count {
                let line = lines[i]
                if isBlank(line) {
                    itemLines.append("")
                    previousBlank = true
                } else if indentation(line) >= marker.contentColumn {
                    itemLines.append(String(line.dropFirst(marker.contentColumn)))
                    previousBlank = false
                } else if !previousBlank, listMarker(line) == nil, heading(line) == nil, !isThematicBreak(line) {
                    // Lazy continuation of the item's paragraph.
                    itemLines.append(String(line.drop { $0 == " " }))
                } else {
                    break
                }
                i += 1
            }
            while let last = itemLines.last, isBlank(last) { itemLines.removeLast() }
            items.append(parse(lines: itemLines, depth: depth + 1))
        }
        // Blank lines between items were consumed with the previous item; give back
        // the ones after the list (they do not matter to the caller anyway).
        return (.list(ordered: first.ordered, start: first.number, items: items), i)
    }

    static func listMarker(_ line: String) -> ListMarker? {
        let chars = Array(line)
        let indent = indentation(line)
        guard indent <= 3, indent < chars.count else { return nil }
        var j = indent
        var ordered = false
        var number = 1
        if "-*+".contains(chars[j]) {
            j += 1
        } else {
            var digits = ""
            while j < chars.count, chars[j].isASCII, chars[j].isNumber, digits.count < 9 {
                digits.append(chars[j])
                j += 1
            }
            guard !digits.isEmpty, j < chars.count, chars[j] == "." || chars[j] == ")" else { return nil }
            ordered = true
            number = Int(digits) ?? 1
            j += 1
        }
        // The marker must be followed by a space, or end the line (empty item).
        if j == chars.count { return ListMarker(ordered: ordered, number: number, contentColumn: j) }
        guard chars[j] == " " else { return nil }
        var spaces = 0
        while j + spaces < chars.count, chars[j + spaces] == " " { spaces += 1 }
        // Five or more spaces: the content is indented code in CommonMark; here, one space.
        if spaces > 4 || j + spaces == chars.count { spaces = 1 }
        return ListMarker(ordered: ordered, number: number, contentColumn: j + spaces)
    }

    // MARK: Single lines

    private static func heading(_ line: String) -> (level: Int, text: String)? {
        let indent = indentation(line)
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = rest.dropFirst(hashes)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = after.trimmingCharacters(" ")
        // An optional closing sequence of #s, preceded by a space.
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty || before.last == " " { text = String(before).trimmingCharacters(" ") }
        }
        return (hashes, text)
    }

    private static func isThematicBreak(_ line: String) -> Bool {
        guard indentation(line) <= 3 else { return false }
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    private static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func paragraphText(_ lines: [String]) -> String {
        var text = lines.map { String($0.drop { $0 == " " }) }.joined(separator: "\n")
        // Trailing blanks of the last line are not a hard break.
        while text.last == " " { text.removeLast() }
        return text
    }

    private static func expandingLeadingTabs(_ line: Substring) -> String {
        var out = ""
        var column = 0
        var index = line.startIndex
        while index < line.endIndex, line[index] == " " || line[index] == "\t" {
            let width = line[index] == "\t" ? 4 - column % 4 : 1
            out += String(repeating: " ", count: width)
            column += width
            index = line.index(after: index)
        }
        return out + line[index...]
    }
}

extension StringProtocol {
    /// The text without leading and trailing occurrences of `character`.
    func trimmingCharacters(_ character: Character) -> String {
        guard let start = firstIndex(where: { $0 != character }),
              let end = lastIndex(where: { $0 != character }) else { return "" }
        return String(self[start...end])
    }
}
