import Foundation
import MailCore

/// The `Received:` field a connector adds (RFC 5321 §4.4 shape, as fetchmail writes one):
/// which server and account the message came from, over which protocol, and the QID.
enum ConnectorReceivedHeader {
    static func field(account: ConnectorAccount, secure: Bool, hostname: String, queueID: String, date: Date = Date()) -> [UInt8] {
        let with = account.remoteProtocol.rawValue.uppercased() + (secure ? "S" : "")
        let lines = [
            "Received: from \(sanitize(account.host)) (port \(account.port))",
            "\t(Postino connector \(sanitize(account.email)))",
            "\tby \(sanitize(hostname)) (Postino) with \(with) id \(queueID)",
            "\tfor <\(sanitize(account.deliverTo))>; " + RFC5322DateFormat.string(from: date),
        ]
        return Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
    }

    private static func sanitize(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(255))
    }
}

/// The envelope sender of a fetched message: its `Return-Path:` (RFC 5322 §3.6.7, written
/// by the final delivery on the remote side), else the null sender.
enum FetchedSender {
    static func returnPath(in message: [UInt8]) -> String {
        var start = 0
        var index = 0
        while index < message.count {
            if message[index] == 0x0A {
                let line = message[start..<index]
                if line.isEmpty || line == [0x0D] { return "" }  // end of the header
                let text = String(decoding: line, as: UTF8.self)
                if text.lowercased().hasPrefix("return-path:") {
                    let value = text.dropFirst("return-path:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                    let address = value.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
                    return address.contains("@") && !address.contains(" ") ? address : ""
                }
                start = index + 1
            }
            index += 1
        }
        return ""
    }
}
