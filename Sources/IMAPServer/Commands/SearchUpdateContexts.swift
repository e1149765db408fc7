import Durability
import Foundation
import IMAPProtocol
import MailStore

/// A SEARCH or SORT whose result the client asked to keep up to date with RETURN (UPDATE)
/// (RFC 5267 §4.3): the session sends ADDTO / REMOVEFROM as the mailbox changes.
struct SearchUpdateContext: Sendable {
    /// The searching command's tag: the correlator of its ESEARCH responses.
    let tag: String
    let byUID: Bool
    /// The search key with `$`, sequence numbers and `*` resolved when the command was
    /// received (§4.3: "any message sequence numbers used in the search program are
    /// evaluated at the time the command is received").
    let key: IMAPSearchKey
    /// Nil for SEARCH (mailbox order, context position 0); the criteria for SORT.
    let criteria: [IMAPSortCriterion]?
    /// The selection it belongs to (the observer token of that SELECT): "Updates will
    /// cease when the mailbox is no longer selected" (§4.3).
    let selection: UUID
    /// UIDs in the requested order, as the client holds them.
    var result: [UInt32]
    /// RFC 5465 §7: FETCH these for each new message the search adds.
    var fetchAttributes: [IMAPFetchAttribute] = []
}

extension IMAPSession {
    /// RFC 5267 §4.3.1: "Servers MUST provide at least one updating context per client,
    /// and SHOULD provide more"; past this many, NOUPDATE.
    static let maxUpdateContexts = 8

    /// SEARCH with RETURN (UPDATE): refuses a tag already in use (BAD, §4.3), registers
    /// the context (or says NOUPDATE, §4.3.1), then answers as any SEARCH does.
    func searchWithContext(_ tag: String, _ command: IMAPSearchCommand) async throws {
        if command.returnOptions?.contains(.update) == true {
            try await registerUpdateContext(tag, byUID: command.byUID, key: command.key, criteria: nil,
                                            fetch: command.updateFetchAttributes)
        }
        try await search(tag, command)
    }

    /// SORT with RETURN (UPDATE) (CONTEXT=SORT), as `searchWithContext`.
    func sortWithContext(_ tag: String, _ command: IMAPSortCommand) async throws {
        if command.returnOptions?.contains(.update) == true {
            try await registerUpdateContext(tag, byUID: command.byUID, key: command.key, criteria: command.criteria,
                                            fetch: command.updateFetchAttributes)
        }
        try await sort(tag, command)
    }

    /// CANCELUPDATE (RFC 5267 §4.3.5): no more updates for the contexts of these tags.
    func cancelUpdate(_ tag: String, _ tags: [String]) async {
        updateContexts.removeAll { tags.contains($0.tag) }
        await finish(tag, .ok, "No further updates", allowExpunge: false)
    }

    /// The context starts from the result as it is now; the searching command then sends
    /// its own answer, and the updates of its `finish` (the changes since this session's
    /// last look) come after it, measured against this result.
    private func registerUpdateContext(_ tag: String, byUID: Bool, key: IMAPSearchKey,
                                       criteria: [IMAPSortCriterion]?, fetch: [IMAPFetchAttribute]) async throws {
        let state = try selectedState()
        guard let selection = observerToken else { return }
        updateContexts.removeAll { $0.selection != selection }
        if updateContexts.contains(where: { $0.tag == tag }) {
            throw IMAPCommandFailure(.bad, nil, "Tag reuse: \(tag) already names an updating search (RFC 5267 §4.3)")
        }
        guard updateContexts.count < Self.maxUpdateContexts else {
            await sink.send([.untagged(.condition(.no, code: .other("NOUPDATE", "\"\(tag)\""),
                                                  text: "Too many updating searches, this one will not be updated"))])
            return
        }
        let frozen = frozenKey(substitutingSavedResult(key), state)
        var matches = try await matching(frozen)
        if let criteria { matches = IMAPSorter.sort(matches, by: criteria) }
        updateContexts.append(SearchUpdateContext(tag: tag, byUID: byUID, key: frozen, criteria: criteria,
                                                  selection: selection, result: matches.map(\.uid), fetchAttributes: fetch))
    }

    /// Sequence numbers become the UIDs they name now, and `*` in UID sets the largest UID
    /// now, so the key means tomorrow what it meant when the command came.
    func frozenKey(_ key: IMAPSearchKey, _ state: SelectedMailboxState) -> IMAPSearchKey {
        switch key {
        case .sequenceNumbers(let set):
            let numbers = set.resolved(largest: UInt32(state.count))
            let uids = numbers.filter(sorted: Array(1...UInt32(max(state.count, 1)))).compactMap { state.uid(at: Int($0)) }
            return .uid(IMAPSequenceSet(compacting: uids))
        case .uid(let set): return .uid(set.resolveUIDs(largestUID: state.maxUID).sequenceSet)
        case .not(let inner): return .not(frozenKey(inner, state))
        case .or(let a, let b): return .or(frozenKey(a, state), frozenKey(b, state))
        case .and(let keys): return .and(keys.map { frozenKey($0, state) })
        default: return key
        }
    }

    /// The ESEARCH responses for what `changed` and `expunged` did to the updating
    /// contexts: REMOVEFROM goes before the untagged updates (§4.3.4: before the EXPUNGE,
    /// while its numbers are valid, so numbered by `previous`), ADDTO after them (§4.3.3:
    /// after the EXISTS, numbered by the current state).
    func searchContextUpdates(changed: [MessageRecord], expunged: [UInt32],
                              previous: SelectedMailboxState) async -> (removals: [IMAPResponse], additions: [IMAPResponse]) {
        guard let selection = observerToken else {
            updateContexts = []
            return ([], [])
        }
        updateContexts.removeAll { $0.selection != selection }
        guard !updateContexts.isEmpty, !changed.isEmpty || !expunged.isEmpty, let state = selected else { return ([], []) }
        let store = store, mailbox = state.mailbox
        let candidates = changed.compactMap { record -> SearchableRecord? in
            guard let seq = state.sequence(of: record.uid) else { return nil }
            return SearchableRecord(sequenceNumber: UInt32(seq), record: record, isRecent: state.isRecent(record.uid)) {
                try? store.readMessage(mailbox, record)
            }
        }
        let gone = Set(expunged)
        var removals: [IMAPResponse] = [], additions: [IMAPResponse] = []
        for context in updateContexts {
            let evaluator = IMAPSearchEvaluator(key: context.key, context: IMAPSearchContext(
                messageCount: UInt32(state.count), largestUID: state.maxUID, now: Int64(Date().timeIntervalSince1970)))
            let nowMatching = (try? await BlockingIO.run { Set(candidates.filter { evaluator.matches($0) }.map(\.uid)) }) ?? []
            let held = Set(context.result)
            var members = held.subtracting(gone)
            for candidate in candidates {
                if nowMatching.contains(candidate.uid) { members.insert(candidate.uid) } else { members.remove(candidate.uid) }
            }
            guard members != held else { continue }
            var newResult = context.result.filter(members.contains) + candidates.map(\.uid).filter { members.contains($0) && !held.contains($0) }
            if let criteria = context.criteria {
                // SORT: the new messages' places come from sorting the result again.
                guard let sorted = try? await matching(context.key) else { continue }
                newResult = IMAPSorter.sort(sorted, by: criteria).map(\.uid)
            } else {
                newResult.sort()
            }
            let (remove, add) = Self.updateItems(old: context.result, new: newResult, sorted: context.criteria != nil)
            func numbers(_ uids: [UInt32], _ numbering: SelectedMailboxState) -> [UInt32] {
                context.byUID ? uids : uids.compactMap { numbering.sequence(of: $0).map(UInt32.init) }
            }
            if !remove.isEmpty {
                var response = IMAPESearchResponse(tag: context.tag, byUID: context.byUID)
                let pairs = remove.map { IMAPContextUpdate.Pair(position: $0.position, numbers: numbers($0.keys, previous)) }
                response.contextUpdates = [IMAPContextUpdate(.removeFrom, pairs)]
                removals.append(.untagged(.esearch(response)))
            }
            if !add.isEmpty {
                // RFC 5465 §7: a FETCH for each new message added ("EXISTS response MUST
                // precede any FETCH responses, and together they MUST precede the ESEARCH
                // response"); none for one that joins through a flag change.
                additions += await updateFetches(context.fetchAttributes, uids: add.flatMap(\.keys).filter { $0 > previous.maxUID },
                                                 candidates, state)
                var response = IMAPESearchResponse(tag: context.tag, byUID: context.byUID)
                let pairs = add.map { IMAPContextUpdate.Pair(position: $0.position, numbers: numbers($0.keys, state)) }
                response.contextUpdates = [IMAPContextUpdate(.addTo, pairs)]
                additions.append(.untagged(.esearch(response)))
            }
            if let index = updateContexts.firstIndex(where: { $0.tag == context.tag && $0.selection == selection }) {
                updateContexts[index].result = newResult
            }
        }
        return (removals, additions)
    }

    private func updateFetches(_ attributes: [IMAPFetchAttribute], uids: [UInt32], _ candidates: [SearchableRecord],
                               _ state: SelectedMailboxState) async -> [IMAPResponse] {
        guard !attributes.isEmpty, !uids.isEmpty else { return [] }
        let wanted = attributes.contains(.uid) ? attributes : [.uid] + attributes
        let needsContent = wanted.contains(where: \.needsMessageContent)
        var responses: [IMAPResponse] = []
        for uid in uids.sorted() {
            guard let record = candidates.first(where: { $0.uid == uid })?.record, let seq = state.sequence(of: uid),
                  let items = try? await fetchItems(wanted, record, recent: state.isRecent(uid), needsContent: needsContent, held: nil)
            else { continue }
            responses.append(.untagged(.fetch(UInt32(seq), items)))
        }
        return responses
    }

    /// The steps from `old` to `new`: one position-0 pair each way for SEARCH (§4.3.3,
    /// §4.3.4), positioned runs for SORT.
    static func updateItems(old: [UInt32], new: [UInt32], sorted: Bool) -> (removals: [IMAPContextDiff.Step], additions: [IMAPContextDiff.Step]) {
        if sorted { return IMAPContextDiff.ordered(old: old, new: new) }
        let (removed, added) = IMAPContextDiff.unordered(old: old, new: new)
        return (removed.isEmpty ? [] : [IMAPContextDiff.Step(position: 0, keys: removed)],
                added.isEmpty ? [] : [IMAPContextDiff.Step(position: 0, keys: added)])
    }
}
