// The one fuzz executable (issue 23): every target is linked in, and
// POSTINO_FUZZ_TARGET=NAME chooses which one libFuzzer drives. Built by fuzz/build.sh,
// run by fuzz/run.sh (one target, long campaigns) and fuzz/ci.sh (every target briefly).
#if canImport(Glibc)
import Glibc
#endif

/// The targets by name, in the order CI runs them.
let fuzzTargets: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
    ("mime", fuzzMIME),
    ("imap", fuzzIMAP),
    ("dns", fuzzDNS),
    ("smtp", fuzzSMTP),
    ("pop3", fuzzPOP3),
    ("managesieve", fuzzManageSieve),
    ("sieve", fuzzSieve),
    ("mailauth-records", fuzzMailAuthRecords),
    ("attachments", fuzzAttachments),
    ("pop3-client", fuzzPOP3Client),
    ("imap-client", fuzzIMAPClient),
]

/// Properties that must hold for every input: a violation traps, and libFuzzer keeps the
/// input as a crash artifact.
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ what: String) {
    if !condition() { fatalError("invariant violated: \(what)") }
}

nonisolated(unsafe) private var selectedTarget: (@Sendable ([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let name = getenv("POSTINO_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = fuzzTargets.first(where: { $0.name == name }) else {
        let names = fuzzTargets.map(\.name).joined(separator: " ")
        let message = Array("postino-fuzz: set POSTINO_FUZZ_TARGET to one of: \(names)\n".utf8)
        _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(2)
    }
    selectedTarget = target.run
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selectedTarget?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
