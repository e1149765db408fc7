import Administration
import ArgumentParser
import Foundation

/// Prints list results as aligned columns or as JSON.
enum Output {
    static func table(_ header: [String], _ rows: [[String]]) {
        guard !rows.isEmpty else { return }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// Prints rows as JSON, as the REST API serves them (`AdminJSON`: every key present,
    /// nil as `null`).
    static func json(_ value: Any) throws {
        print(try AdminJSON.text(value))
    }

    /// Codable JSON with the keys sorted as `json` sorts them, for outputs large enough
    /// that `AdminJSON`'s reflection shows (a scan's verdicts): a sixth of a 250-file
    /// `filter scan`'s CPU. Optional fields use `NullWhenAbsent`.
    static func jsonText(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `20971520` → `20M`; exact multiples only, so the value reads back the same.
    static func size(_ bytes: Int64?) -> String {
        guard let bytes else { return "-" }
        for (unit, factor) in [("G", Int64(1) << 30), ("M", Int64(1) << 20), ("K", Int64(1) << 10)]
        where bytes >= factor && bytes % factor == 0 {
            return "\(bytes / factor)\(unit)"
        }
        return "\(bytes)"
    }

    static func onOff(_ value: Bool) -> String { value ? "on" : "off" }
}

/// An error that is just a message for the user.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads a secret from stdin: the first line, without its line end.
enum StandardInput {
    static func readSecret(what: String) throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError("\(what): nothing on standard input")
        }
        return line
    }
}

/// `on`/`off` values of options such as `--imap on`.
enum Switch: String, CaseIterable, Sendable, ExpressibleByArgument {
    case on, off
    var bool: Bool { self == .on }
}
