/// Parses one framed command into an `IMAPCommand` (RFC 3501 §6, §9 and the extensions
/// listed on `IMAPCommand.Kind`). Pure and total: any input gives a command or an
/// `IMAPParseError` that says what to answer.
public enum IMAPCommandParser {
    public static func parse(_ frame: IMAPCommandFrame) throws(IMAPParseError) -> IMAPCommand {
        var cursor = IMAPParseCursor(frame: frame)
        let tagStart = cursor.position
        while let b = cursor.peek(), IMAPCharacterClass.isTagChar(b) { cursor.position += 1 }
        guard cursor.position > tagStart else {
            throw IMAPParseError(tag: nil, message: frame.bytes.isEmpty ? "Empty command" : "Missing or invalid tag")
        }
        let tag = String(decoding: frame.bytes[tagStart..<cursor.position], as: UTF8.self)
        do {
            try cursor.space()
            let kind = try parseCommand(&cursor)
            return IMAPCommand(tag: tag, kind: kind)
        } catch {
            throw IMAPParseError(tag: tag, message: error.message, code: error.code)
        }
    }

    /// Convenience for tests and tools: frames `text` (which may contain literals, with
    /// their CRLFs) and parses the first command in it.
    public static func parse(_ text: String, limits: IMAPReaderLimits = .default) throws(IMAPParseError) -> IMAPCommand {
        var reader = IMAPCommandReader(limits: limits)
        reader.append(Array(text.utf8) + (text.hasSuffix("\n") ? [] : [IMAPCharacterClass.cr, IMAPCharacterClass.lf]))
        while true {
            switch reader.nextCommand() {
            case .command(let frame): return try parse(frame)
            case .continuationRequired, .literalArriving, .literalData: continue  // this reader spills nothing
            case .rejected(let error): throw IMAPParseError(tag: error.tag, message: error.description)
            case .needMoreData: throw IMAPParseError(tag: nil, message: "Incomplete command")
            }
        }
    }

    private static func parseCommand(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        let name = try c.keyword()
        switch name {
        case "CAPABILITY": try c.end(); return .capability
        case "NOOP": try c.end(); return .noop
        case "LOGOUT": try c.end(); return .logout
        case "STARTTLS": try c.end(); return .startTLS
        case "NAMESPACE": try c.end(); return .namespace
        case "CHECK": try c.end(); return .check
        case "CLOSE": try c.end(); return .close
        case "UNSELECT": try c.end(); return .unselect
        case "EXPUNGE": try c.end(); return .expunge
        case "IDLE": try c.end(); return .idle
        case "AUTHENTICATE": return try parseAuthenticate(&c)
        case "LOGIN": return try parseLogin(&c)
        case "ID": return try parseID(&c)
        case "ENABLE": return try parseEnable(&c)
        case "SELECT", "EXAMINE": return try parseSelect(&c, examine: name == "EXAMINE")
        case "CREATE": return try parseCreate(&c)
        case "DELETE": return .delete(try singleMailbox(&c))
        case "SUBSCRIBE": return .subscribe(try singleMailbox(&c))
        case "UNSUBSCRIBE": return .unsubscribe(try singleMailbox(&c))
        case "RENAME": return try parseRename(&c)
        case "LIST": return try parseList(&c)
        case "LSUB": return try parseLSub(&c)
        case "STATUS": return try parseStatus(&c)
        case "APPEND": return try parseAppend(&c)
        case "SEARCH": return .search(try parseSearch(&c, byUID: false))
        case "FETCH": return .fetch(try parseFetch(&c, byUID: false))
        case "STORE": return .store(try parseStore(&c, byUID: false))
        case "COPY": return .copy(try parseCopy(&c, byUID: false))
        case "MOVE": return .move(try parseCopy(&c, byUID: false))
        case "SORT": return .sort(try parseSort(&c, byUID: false))
        case "THREAD": return .thread(try parseThread(&c, byUID: false))
        case "COMPRESS":
            // RFC 4978 §4: `command-auth =/ compress`, `compress = "COMPRESS" SP algorithm`.
            try c.space()
            let mechanism = try c.keyword()
            try c.end()
            return .compress(mechanism)
        case "UID": return try parseUID(&c)
        case "GETACL": return .getACL(try singleMailbox(&c))
        case "MYRIGHTS": return .myRights(try singleMailbox(&c))
        case "SETACL", "DELETEACL", "LISTRIGHTS": return try parseACL(&c, name)
        case "GETQUOTA", "GETQUOTAROOT", "SETQUOTA": return try parseQuota(&c, name)
        case "GENURLAUTH": return try parseGenURLAuth(&c)
        case "RESETKEY": return try parseResetKey(&c)
        case "URLFETCH": return try parseURLFetch(&c)
        case "CANCELUPDATE": return try parseCancelUpdate(&c)
        case "NOTIFY": return try parseNotify(&c)
        default: throw IMAPParseFailure("Unknown command \(String(name.prefix(40)))")
        }
    }

    private static func parseUID(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPCommand.Kind {
        try c.space()
        let name = try c.keyword()
        switch name {
        case "FETCH": return .fetch(try parseFetch(&c, byUID: true))
        case "SEARCH": return .search(try parseSearch(&c, byUID: true))
        case "STORE": return .store(try parseStore(&c, byUID: true))
        case "COPY": return .copy(try parseCopy(&c, byUID: true))
        case "MOVE": return .move(try parseCopy(&c, byUID: true))
        case "SORT": return .sort(try parseSort(&c, byUID: true))
        case "THREAD": return .thread(try parseThread(&c, byUID: true))
        case "EXPUNGE":
            try c.space()
            let set = try c.sequenceSet()
            try c.end()
            return .uidExpunge(set)
        default: throw IMAPParseFailure("Unknown UID command \(String(name.prefix(40)))")
        }
    }

    static func singleMailbox(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPMailboxName {
        try c.space()
        let mailbox = try c.mailbox()
        try c.end()
        return mailbox
    }
}
