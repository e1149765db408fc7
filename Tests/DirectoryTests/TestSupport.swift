import Foundation
import MailCore
import Testing
@testable import Directory

/// A fresh in-memory directory with two local domains and a few users:
/// alice, bob, carol (plain users, no password) and admin (administrator).
func makeFixture() throws -> DirectoryStore {
    let store = try DirectoryStore.inMemory()
    try store.addDomain("example.com")
    try store.addDomain("example.org")
    for name in ["alice", "bob", "carol"] {
        try store.addUser(name, password: .none)
    }
    try store.addUser("admin", password: .none)
    try store.updateUser("admin", UserUpdate(isAdministrator: true))
    return store
}

func email(_ text: String) -> EmailAddress {
    guard let address = try? EmailAddress.parse(text) else {
        Issue.record("test address \(text) does not parse")
        return EmailAddress(localPart: "invalid", domain: "invalid")
    }
    return address
}

func mailbox(_ user: String, _ tag: String? = nil) -> FinalDestination {
    .mailbox(user: user, subaddress: tag)
}

func external(_ text: String) -> FinalDestination {
    .external(email(text))
}

extension Resolution {
    var destinations: [FinalDestination]? {
        if case let .deliver(recipients) = self { return recipients.destinations }
        return nil
    }

    var copies: [FinalDestination]? {
        if case let .deliver(recipients) = self { return recipients.copies }
        return nil
    }

    var subaddress: String? {
        if case let .deliver(recipients) = self { return recipients.subaddress }
        return nil
    }

    var refusal: Refusal? {
        if case let .refused(refusal) = self { return refusal }
        return nil
    }
}

extension DirectoryStore {
    /// Resolution for an external sender (the strictest context).
    func resolveExternal(_ address: String) throws -> Resolution {
        try resolve(address, sender: .external)
    }

    func forward(_ user: String, to targets: [String], keepCopy: Bool = false) throws {
        try updateUser(user, UserUpdate(forwards: targets.map(email), keepCopy: keepCopy))
    }
}

/// The one-line message of the DirectoryError `body` throws, or nil.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as DirectoryError {
        return error.description
    } catch {
        return "unexpected error type: \(error)"
    }
}

/// A temporary directory removed at the end of the test.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("directory-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
