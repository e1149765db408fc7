import AdminStore
import Administration
import Directory
import Foundation
import Testing

@Suite("Admin API tokens (SQLite store)")
struct AdminTokensTests {
    func makeTokens() throws -> (AdminTokens, SQLiteAdminTokenStore, DirectoryStore) {
        let directory = try DirectoryStore.inMemory()
        _ = try directory.ensureAdministrator()
        try directory.addUser("bob", password: .none)
        let store = try SQLiteAdminTokenStore(database: directory.database)
        return (AdminTokens(store: store, directory: directory, sessionIdleTimeout: 600), store, directory)
    }

    @Test func sessionsExpireAfterTheIdleTimeoutAndUseMovesIt() throws {
        let (tokens, store, _) = try makeTokens()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let session = try tokens.openSession(user: "admin", now: start)
        #expect(session.expires == start.addingTimeInterval(600))
        #expect(try tokens.principal(token: session.token, now: start.addingTimeInterval(300))?.user == "admin")
        // Used at +300 s: the idle timeout restarts from there.
        #expect(try tokens.principal(token: session.token, now: start.addingTimeInterval(850))?.kind == .session)
        #expect(try tokens.principal(token: session.token, now: start.addingTimeInterval(850 + 601)) == nil)
        // An expired session is removed when met.
        #expect(try store.token(hash: AdminTokens.hash(session.token)) == nil)
    }

    @Test func onlyTheHashIsStored() throws {
        let (tokens, store, _) = try makeTokens()
        let text = try tokens.createAPIToken(name: "backup", user: "admin")
        let stored = try store.tokens(kind: .api)
        #expect(stored.count == 1 && stored[0].hash == AdminTokens.hash(text) && stored[0].hash != text)
        #expect(stored[0].hash.count == 64 && stored[0].expires == nil)
        #expect(text.hasPrefix("pst_") && text.count > 40)
        #expect(try tokens.apiTokens().map(\.name) == ["backup"])
    }

    @Test func tokensDieWithTheAdministratorFlag() throws {
        let (tokens, _, directory) = try makeTokens()
        try directory.updateUser("bob", UserUpdate(isAdministrator: true))
        let text = try tokens.createAPIToken(name: "bobs", user: "bob")
        #expect(try tokens.principal(token: text)?.user == "bob")
        try directory.updateUser("bob", UserUpdate(isAdministrator: false))
        #expect(try tokens.principal(token: text) == nil)
    }

    @Test func apiTokenErrorsAndRevocation() throws {
        let (tokens, _, _) = try makeTokens()
        let text = try tokens.createAPIToken(name: "ci", user: "admin")
        #expect(throws: AdminError.conflict("an API token named \"ci\" exists already")) { try tokens.createAPIToken(name: "ci", user: "admin") }
        #expect((try? tokens.createAPIToken(name: "x", user: "bob")) == nil)
        #expect((try? tokens.createAPIToken(name: "", user: "admin")) == nil)
        #expect((try? tokens.createAPIToken(name: "a b", user: "admin")) == nil)
        // Logging out with an API token leaves it alone.
        try tokens.close(token: text)
        #expect(try tokens.principal(token: text) != nil)
        try tokens.revokeAPIToken(name: "ci")
        #expect(try tokens.principal(token: text) == nil)
        #expect(throws: AdminError.self) { try tokens.revokeAPIToken(name: "ci") }
        #expect(try tokens.principal(token: "pst_unknown") == nil)
    }

    @Test func logoutEndsTheSession() throws {
        let (tokens, _, _) = try makeTokens()
        let session = try tokens.openSession(user: "admin")
        try tokens.close(token: session.token)
        #expect(try tokens.principal(token: session.token) == nil)
    }
}
