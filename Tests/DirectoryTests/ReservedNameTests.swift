import Testing
@testable import Directory

/// Issue 23, finding 7: a user called `public` had its INBOX inside `mail/public/`, the
/// root of the public mailboxes.
@Suite("Reserved user names")
struct ReservedNameTests {
    @Test(arguments: ["public", "Public", "PUBLIC"])
    func publicIsRefused(name: String) throws {
        let store = try DirectoryStore.inMemory()
        #expect(errorMessage { try store.addUser(name, password: .none) }
            == "invalid user name \"\(name)\": \"public\" is reserved (mail/public/ holds the public mailboxes)")
        #expect(try store.users().isEmpty)
    }

    @Test func nearbyNamesStayValid() throws {
        let store = try DirectoryStore.inMemory()
        for name in ["publicity", "public1", "pub.lic", "the-public"] {
            #expect(try store.addUser(name, password: .none).name == name)
        }
    }

    @Test func aGroupMayStillBeCalledPublic() throws {
        let store = try DirectoryStore.inMemory()
        try store.addGroup("public")
        #expect(try store.group(named: "public") != nil)
    }
}
