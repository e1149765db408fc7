/// How an IMAP session drives this module. `IMAPProtocol` is the codec and the pure
/// building blocks of the IMAP server: no I/O, no store; the session (over the mail
/// store) and the SwiftNIO glue sit on top.
///
/// ## Reading commands
/// Keep one `IMAPCommandReader` per connection. Append what the socket delivers, then pull
/// events while no command is executing (stop reading from the socket while one is, so
/// that the reader's buffer stays small):
///
/// ```swift
/// reader.append(bytes)
/// loop: while true {
///     switch reader.nextCommand() {
///     case .needMoreData:
///         break loop
///     case .continuationRequired(let request):
///         // Optionally refuse before the client uploads: APPEND to a missing mailbox.
///         if let box = request.appendMailbox, !store.exists(box) {
///             reader.rejectPendingLiteral()
///             write(.tagged(request.tag ?? "*", .no, code: .tryCreate, text: "No such mailbox"))
///         } else {
///             write(.continuation("Ready for literal data"))
///         }
///     case .rejected(let error):
///         write(error.response)           // BAD, or NO [TOOBIG] for APPEND
///     case .command(let frame):
///         do {
///             let command = try IMAPCommandParser.parse(frame)
///             guard command.kind.allowedStates.contains(state) else { /* tag BAD */ }
///             execute(command)              // may be asynchronous: resume pulling after
///         } catch {
///             write(error.response)       // tag BAD [..] reason, NO [BADCHARSET (…)]
///         }
///     }
/// }
/// ```
///
/// Set `reader.limits` from configuration (`maximumAppendSize` is the APPENDLIMIT). With
/// `reader.spillLiteralSize` set, large APPEND literals come as `.literalData` chunks to
/// write to a file; the parsed APPEND then names them by index, and the server puts the
/// files' paths in `IMAPAppendCommand.spilledFiles`.
/// Between commands, AUTHENTICATE and IDLE read raw lines instead:
/// `reader.nextLine(maximumLength:)` with `IMAPContinuationLine.saslResponse(_:)`
/// (after writing `.continuationData(challenge)`) or `IMAPContinuationLine.isDone(_:)`
/// (after `.continuation("idling")`). After answering STARTTLS, call
/// `reader.discardBufferedInput()` before the TLS handshake.
///
/// ## Writing responses
/// Build `IMAPResponse` values and encode them with `IMAPResponseEncoder.encode(_:)`, or
/// `encodeChunks(_:)` for FETCH data: its `chunks` reference large message sections
/// instead of copying them. Capability names are in `IMAPCapability`, LIST attributes in
/// `IMAPMailboxAttribute`.
///
/// ## Commands over the store
/// - Sequence sets: `resolveSequenceNumbers(messageCount:)` (nil: answer BAD) or
///   `resolveUIDs(largestUID:)` then `IMAPNumberSet.filter(sorted:)` over the UIDs.
///   COPYUID/APPENDUID sets: `IMAPSequenceSet(compacting:)`; VANISHED: `IMAPNumberSet`.
/// - Mailbox names arrive in modified UTF-7 (`IMAPMailboxName`, INBOX normalised);
///   `validate(rules:)` before creating anything, `decoded` for the Unicode name,
///   `IMAPListCommand.mailboxPatterns` to match LIST patterns.
/// - FETCH: per message, `IMAPFetchResponder.items(for:message:sections:)` with
///   `IMAPMessageSections(message:)` when `attributes.contains(where: \.needsMessageContent)`;
///   cached ENVELOPE/BODYSTRUCTURE bytes (from `IMAPResponseEncoder.encodedValue(of:)`)
///   can be passed in. Set \Seen when `attributes.contains(where: \.setsSeen)`.
/// - SEARCH: `IMAPSearchEvaluator(key:context:).filter(messages)` over an
///   `IMAPSearchableMessage` view of the index; ESEARCH answers with
///   `IMAPESearchResponse(tag:byUID:options:matches:)`. SORT: `IMAPSorter.sort(_:by:)`.
///   `content()` may return a message parsed from the header alone when
///   `!key.needsMessageBody` (and always for SORT, whose keys are all in the header).
/// - Flags of STORE and APPEND are already validated (`IMAPFlag.storeRefusal`).
///
/// ## Message bytes
/// Sizes, line counts and sections are computed on the bytes as stored and served.
/// Store messages with CRLF line ends (normalise at delivery and APPEND) so that
/// RFC822.SIZE, BODYSTRUCTURE and the literals agree and clients get CRLF.
public enum IMAPProtocolGuide {}
