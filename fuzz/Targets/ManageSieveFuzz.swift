// Fuzz target `managesieve`: the ManageSieve command reader (lines, literals, tokens,
// bounded as it reads) and the command parser; script names.
@testable import MailCore
@testable import ManageSieveProtocol

func fuzzManageSieve(_ data: [UInt8]) {
    let limits = ManageSieveCommandReader.Limits(maxLineLength: 128, maxStringLength: 64, maxScriptSize: 512, maxTokens: 8)
    var reader = ManageSieveCommandReader(limits: limits)
    var offset = 0
    var chunk = 1
    while offset < data.count {
        let end = min(data.count, offset + chunk)
        reader.append(Array(data[offset..<end]))
        chunk = Int(data[end - 1] % 41) + 1
        offset = end
        while let outcome = reader.next() {
            switch outcome {
            case .command(let tokens):
                fuzzCheck(tokens.count <= limits.maxTokens, "token count bounded")
                if let command = try? ManageSieveCommandParser.parse(tokens, maxScriptNameLength: 32) {
                    _ = "\(command)"
                }
            case .invalid(let error):
                _ = "\(error)"
            case .fatal:
                break
            }
        }
    }
    if case .success(let name) = ManageSieveScriptName.validate(Array(data.prefix(200)), maxLength: 64) {
        fuzzCheck(name.unicodeScalars.count <= 64, "script name length bounded")
        fuzzCheck(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "no control characters in names")
    }
}
