import Directory
import MailAuth
import Queue
import Testing
@testable import Administration

@Suite("Errors")
struct ErrorTests {
    /// Each store error keeps its wording and gets the kind the API maps to a status.
    @Test func kindsOfStoreErrors() {
        let cases: [(AdminError, AdminError.Kind)] = [
            (AdminError(DirectoryError.notFound(.user, "bob")), .notFound),
            (AdminError(DirectoryError.unknownSetting("a.b")), .notFound),
            (AdminError(DirectoryError.alreadyExists(.domain, "example.com")), .conflict),
            (AdminError(DirectoryError.nameTaken("sales", by: .group)), .conflict),
            (AdminError(DirectoryError.inUse(.group, "sales", by: "address info@*")), .conflict),
            (AdminError(DirectoryError.invalidName(.user, "Bad!", reason: "r")), .invalidInput),
            (AdminError(DirectoryError.invalidSetting("a.b", expected: "x")), .invalidInput),
            (AdminError(DirectoryError.notAllowed("no")), .invalidInput),
            (AdminError(DirectoryError.storage("disk full")), .internal),
            (AdminError(RelayRuleError.invalid("bad")), .invalidInput),
            (AdminError(RelayRuleError.notFound("example.com")), .notFound),
            (AdminError(RelayRuleError.storage("x")), .internal),
            (AdminError(QueueManagerError.invalidID("x")), .invalidInput),
            (AdminError(QueueManagerError.notFound("x")), .notFound),
            (AdminError(DKIMKeyStoreError.keyExists(domain: "example.com", selector: "default")), .conflict),
            (AdminError(DKIMKeyStoreError.noKey("example.com")), .notFound),
            (AdminError(DKIMKeyStoreError.system("x")), .internal),
        ]
        for (error, kind) in cases { #expect(error.kind == kind, "\(error)") }
        #expect(AdminError(DirectoryError.notFound(.user, "bob")).description == "unknown user bob")
        #expect(AdminError(DirectoryError.storage("disk full")).message == "directory database error: disk full")
    }

    /// The codes the API will print are stable words.
    @Test func stableCodes() {
        #expect(AdminError.Kind.allCases.map(\.rawValue) == ["not_found", "conflict", "invalid_input", "internal"])
    }
}
