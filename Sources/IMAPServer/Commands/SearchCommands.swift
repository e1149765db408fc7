import Durability
import Foundation
import IMAPProtocol
import MailCore
import MailStore

/// A message of the selected mailbox as SEARCH and SORT see it; the content is read and
/// parsed only if a criterion needs it, once. Used by one search at a time (hence
/// @unchecked: the lazy cache is not shared between threads).
final class SearchableRecord: IMAPSearchableMessage, @unchecked Sendable {
    let sequenceNumber: UInt32
    let record: MessageRecord
    let isRecent: Bool
    private let load: () -> [UInt8]?
    private var parsed: Message??
    /// The Message-ID values from the store's index, when indexed.
    private let indexedMessageIDs: [String]?

    init(sequenceNumber: UInt32, record: MessageRecord, isRecent: Bool, messageIDs: [String]? = nil,
         load: @escaping () -> [UInt8]?) {
        self.sequenceNumber = sequenceNumber
        self.record = record
        self.isRecent = isRecent
        self.indexedMessageIDs = messageIDs
        self.load = load
    }

    func knownHeaderValues(named field: String) -> [String]? {
        field.caseInsensitiveCompare("Message-ID") == .orderedSame ? indexedMessageIDs : nil
    }

    /// Message-ID values this search read from the file and the index lacks.
    var messageIDsToIndex: [String]? {
        guard indexedMessageIDs == nil, let parsed, let message = parsed else { return nil }
        return IMAPCachedStructure.messageIDs(of: message)
    }

    /// Forgets the parsed content: a search over a large mailbox holds one message at a
    /// time, not all of them (SORT reads the matches again if it needs their headers).
    func releaseContent() { parsed = nil }

    var uid: UInt32 { record.uid }
    var flags: Set<IMAPFlag> {
        Set(record.flags.imapNames.map(IMAPFlag.init) + record.keywords.map(IMAPFlag.init))
    }
    var internalDate: IMAPDateTime { IMAPDateTime(secondsSince1970: record.internalDate) }
    var size: UInt64 { UInt64(record.size) }
    var modSeq: UInt64 { record.modSeq }

    func content() -> Message? {
        if let parsed { return parsed }
        let message = load().map { Message(bytes: $0) }
        parsed = .some(message)
        return message
    }
}

extension IMAPSession {
    /// SEARCH, UID SEARCH and ESEARCH (RFC 3501 §6.4.4, RFC 4731, RFC 7162 MODSEQ).
    func search(_ tag: String, _ command: IMAPSearchCommand) async throws {
        let leading = command.key.mentionsModSeq ? enableCondStore() : []
        let saves = command.returnOptions?.contains(.save) ?? false
        let matches: [SearchableRecord]
        do {
            matches = try await matching(command.key)
        } catch {
            // RFC 5182 §2.1: a failed SEARCH with SAVE empties "$".
            if saves { savedResult = [] }
            throw error
        }
        let numbers = matches.map { command.byUID ? $0.uid : $0.sequenceNumber }
        var modSeq = command.key.mentionsModSeq ? matches.map(\.modSeq).max() : nil
        let response: IMAPResponse
        if let options = command.returnOptions {
            // RFC 4731 §3.2: with a single MIN or MAX the MODSEQ is that message's; with
            // MIN and MAX alone, the higher of those two; otherwise the highest of all.
            if modSeq != nil, !matches.isEmpty, !options.contains(.all), !options.contains(.count),
               options.contains(.min) || options.contains(.max) {
                var returned: [SearchableRecord] = []
                if options.contains(.min), let first = matches.first { returned.append(first) }
                if options.contains(.max), let last = matches.last { returned.append(last) }
                modSeq = returned.map(\.modSeq).max()
            }
            if saves { savedResult = Self.savedSubset(matches, options: options) }
            var esearch = IMAPESearchResponse(tag: tag, byUID: command.byUID, options: options, matches: numbers, modSeq: modSeq)
            if let partial = command.partial {
                esearch.partialRange = partial
                esearch.partialNumbers = partial.select(numbers)
                if options.isEmpty { esearch.all = nil }
            }
            // RFC 5182 §2.1: SAVE alone returns no ESEARCH.
            if options == [.save] && command.partial == nil {
                await finish(tag, .ok, "SEARCH completed, result saved", allowExpunge: command.byUID, before: leading)
                return
            }
            response = .untagged(.esearch(esearch))
        } else if imap4rev2 {
            // RFC 9051 §6.4.4 (Appendix E item 4): SEARCH is answered with ESEARCH, ALL.
            response = .untagged(.esearch(IMAPESearchResponse(tag: tag, byUID: command.byUID, options: [.all],
                                                              matches: numbers, modSeq: modSeq)))
        } else {
            response = .untagged(.search(numbers, modSeq: modSeq))
        }
        await finish(tag, .ok, "SEARCH completed", allowExpunge: command.byUID, before: leading + [response])
    }

    /// RFC 5182 §2.4: what "$" keeps — only the MIN and/or MAX message when those are the
    /// only result options besides SAVE, else every match (UIDs).
    static func savedSubset(_ matches: [SearchableRecord], options: [IMAPSearchReturnOption]) -> [UInt32] {
        let others = Set(options).subtracting([.save])
        guard !others.isEmpty, others.isSubset(of: [.min, .max]) else { return matches.map(\.uid) }
        var kept: [UInt32] = []
        if others.contains(.min), let first = matches.first { kept.append(first.uid) }
        if others.contains(.max), let last = matches.last, !kept.contains(last.uid) { kept.append(last.uid) }
        return kept.sorted()
    }

    /// SORT and UID SORT (RFC 5256).
    func sort(_ tag: String, _ command: IMAPSortCommand) async throws {
        let matches = try await matching(command.key)
        let sorted = IMAPSorter.sort(matches, by: command.criteria)
        let numbers = sorted.map { command.byUID ? $0.uid : $0.sequenceNumber }
        var modSeq = command.key.mentionsModSeq ? matches.map(\.modSeq).max() : nil
        guard let options = command.returnOptions else {
            await finish(tag, .ok, "SORT completed", allowExpunge: command.byUID,
                         before: [.untagged(.sort(numbers, modSeq: modSeq))])
            return
        }
        // ESORT (RFC 5267 §3): MIN and MAX are the first and last in sort order, ALL keeps
        // the sort order; MODSEQ as RFC 4731 §3.2 says for the messages returned.
        var response = IMAPESearchResponse(tag: tag, byUID: command.byUID)
        if options.contains(.min) { response.min = numbers.first }
        if options.contains(.max) { response.max = numbers.last }
        if options.contains(.all), !numbers.isEmpty { response.sortedAll = numbers }
        if options.contains(.count) { response.count = UInt32(clamping: numbers.count) }
        if modSeq != nil, !options.contains(.all), !options.contains(.count), options.contains(.min) || options.contains(.max) {
            var returned: [SearchableRecord] = []
            if options.contains(.min), let first = sorted.first { returned.append(first) }
            if options.contains(.max), let last = sorted.last { returned.append(last) }
            modSeq = returned.map(\.modSeq).max()
        }
        response.modSeq = numbers.isEmpty ? nil : modSeq
        if let partial = command.partial {
            response.partialRange = partial
            response.partialNumbers = partial.select(numbers)
        }
        if options.contains(.save) { savedResult = sorted.map(\.uid).sorted() }
        await finish(tag, .ok, "SORT completed", allowExpunge: command.byUID, before: [.untagged(.esearch(response))])
    }

    /// The selected mailbox's messages that match `key`, in sequence order.
    func matching(_ searchKey: IMAPSearchKey) async throws -> [SearchableRecord] {
        let state = try selectedState()
        let key = substitutingSavedResult(searchKey)
        let store = store, viewer = flagViewer, mailbox = state.mailbox
        let byMessageID = key.mentionsHeader("Message-ID")
        let requiredMessageID = key.requiredHeaderText("Message-ID")
        return try await BlockingIO.run {
            let records: [MessageRecord]
            let messageIDs: [UInt32: [String]]
            if let requiredMessageID {
                // Every match is among the messages whose indexed Message-ID contains the
                // text (or that are not indexed yet): only those are read and evaluated.
                let candidates = try store.messageIDCandidates(in: mailbox.id, containing: requiredMessageID)
                    .filter { state.sequence(of: $0) != nil }
                records = try store.messages(in: mailbox.id, uids: candidates, viewer: viewer)
                // Many candidates (an index still empty): one read of the whole index.
                messageIDs = candidates.count > 1000 ? try store.messageIDs(in: mailbox.id)
                                                     : try store.messageIDs(in: mailbox.id, uids: candidates)
            } else {
                let known = Set(state.uids)
                records = try store.messages(in: mailbox.id, viewer: viewer).filter { known.contains($0.uid) }
                messageIDs = byMessageID ? try store.messageIDs(in: mailbox.id) : [:]
            }
            let candidates = records.compactMap { record -> SearchableRecord? in
                guard let seq = state.sequence(of: record.uid) else { return nil }
                return SearchableRecord(sequenceNumber: UInt32(seq), record: record, isRecent: state.isRecent(record.uid),
                                        messageIDs: messageIDs[record.uid]) {
                    try? store.readMessage(mailbox, record)
                }
            }
            let context = IMAPSearchContext(messageCount: UInt32(state.count), largestUID: state.maxUID,
                                            now: Int64(Date().timeIntervalSince1970))
            let evaluator = IMAPSearchEvaluator(key: key, context: context)
            var matches: [SearchableRecord] = []
            var learnt: [UInt32: [String]] = [:]
            for candidate in candidates {
                if evaluator.matches(candidate) { matches.append(candidate) }
                if byMessageID, let ids = candidate.messageIDsToIndex { learnt[candidate.uid] = ids }
                candidate.releaseContent()
            }
            // The files read this time need not be read by the next such search. A failure
            // only costs that next search the reads again.
            if !learnt.isEmpty { try? store.indexMessageIDs(learnt, in: mailbox.id) }
            return matches
        }
    }
}

extension IMAPSearchKey {
    /// The text of a `HEADER field` criterion every match must satisfy (the key itself, or
    /// a member of its top-level AND), when the index can answer it: non-empty ASCII
    /// without line breaks (the index compares ASCII without regard to case).
    func requiredHeaderText(_ field: String) -> String? {
        switch self {
        case .header(let name, let value):
            guard name.caseInsensitiveCompare(field) == .orderedSame, !value.isEmpty,
                  value.allSatisfy({ $0.isASCII && !$0.isNewline }) else { return nil }
            return value
        case .and(let keys):
            return keys.lazy.compactMap { $0.requiredHeaderText(field) }.first
        default:
            return nil
        }
    }

    /// True when a HEADER criterion names `field` anywhere in the key.
    func mentionsHeader(_ field: String) -> Bool {
        switch self {
        case .header(let name, _): return name.caseInsensitiveCompare(field) == .orderedSame
        case .not(let inner): return inner.mentionsHeader(field)
        case .or(let a, let b): return a.mentionsHeader(field) || b.mentionsHeader(field)
        case .and(let keys): return keys.contains { $0.mentionsHeader(field) }
        default: return false
        }
    }
}

extension IMAPSession {
    /// RFC 5182 §2.1: "$" in a search key stands for the saved messages (by UID, whatever
    /// the command).
    func substitutingSavedResult(_ key: IMAPSearchKey) -> IMAPSearchKey {
        switch key {
        case .sequenceNumbers(let set) where set.isSavedResult, .uid(let set) where set.isSavedResult:
            return .uid(IMAPSequenceSet(compacting: savedResult))
        case .not(let inner): return .not(substitutingSavedResult(inner))
        case .or(let a, let b): return .or(substitutingSavedResult(a), substitutingSavedResult(b))
        case .and(let keys): return .and(keys.map(substitutingSavedResult))
        default: return key
        }
    }
}
