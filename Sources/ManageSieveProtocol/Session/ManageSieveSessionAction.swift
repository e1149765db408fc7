import ProtocolCore

/// What the glue must do, in order, after each event. Every question carries the
/// authenticated user, so that the script store needs no session state.
public enum ManageSieveSessionAction: Hashable, Sendable {
    /// Write this (`ManageSieveOutput.encoded`). Flushing can wait until the end of the
    /// batch of actions.
    case send(ManageSieveOutput)
    /// Comes right after the OK to STARTTLS: start the handshake now, before reading
    /// anything else. Plaintext pipelined after STARTTLS has been discarded; the glue must
    /// not deliver any octet read before the handshake either. Report `.tlsEstablished`
    /// when it completes (or close the connection when it fails).
    case startTLS
    /// Close the connection once everything is written.
    case close
    /// Verify a login. Answer with `.authenticationChecked`.
    case authenticate(ManageSieveCredentials)
    /// §2.5: would a script of this name and size fit the quotas? Answer with `.completed`:
    /// OK, or NO (QUOTA/MAXSCRIPTS), NO (QUOTA)… The size was already checked against
    /// `maxScriptSize`.
    case haveSpace(user: String, name: String, size: Int)
    /// §2.6: compile, and store only if valid and within quota, replacing a script of that
    /// name atomically. Answer with `.completed`: OK (possibly with WARNINGS), NO with the
    /// compiler's message (e.g. "line 3: …"), NO (QUOTA/…).
    case putScript(user: String, name: String, content: [UInt8])
    /// §2.12: compile without storing and without quota checks. Answer with `.completed`.
    case checkScript(user: String, content: [UInt8])
    /// §2.7. Answer with `.scriptsListed`.
    case listScripts(user: String)
    /// §2.8: make this script the active one; the empty name deactivates (OK even when
    /// none is active). Answer with `.completed`: OK or NO (NONEXISTENT).
    case setActive(user: String, name: String)
    /// §2.9. Answer with `.scriptFetched`.
    case getScript(user: String, name: String)
    /// §2.10. Answer with `.completed`: OK, NO (NONEXISTENT), NO (ACTIVE) for the active one.
    case deleteScript(user: String, name: String)
    /// §2.11: the active script stays active under its new name. Answer with `.completed`:
    /// OK, NO (NONEXISTENT), NO (ALREADYEXISTS).
    case renameScript(user: String, oldName: String, newName: String)
}

/// A SASL PLAIN login to check. Its authzid, when not empty, is the user whose scripts to
/// manage (RFC 5804 §2.1 proxy authentication, for administrators).
public typealias ManageSieveCredentials = LoginCredentials
