/// What the client session read from the server.
public enum POP3ClientEvent: Sendable, Equatable {
    /// The greeting (RFC 1939 §4): +OK opens the AUTHORIZATION state, -ERR closes.
    case greeting(POP3ClientReply)
    /// The complete reply to a command, in the order the commands were sent.
    case reply(POP3ClientCommand, POP3ClientReply)
}
