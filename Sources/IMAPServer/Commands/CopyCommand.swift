import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// COPY, MOVE and their UID forms (RFC 3501 §6.4.7, RFC 6851), answered with COPYUID
    /// (RFC 4315). MOVE's expunges come after the untagged COPYUID (RFC 6851 §4.3).
    func copy(_ tag: String, _ command: IMAPCopyCommand, move: Bool) async throws {
        let state = try selectedState()
        if move {
            guard !state.readOnly, selectedRights.contains("t"), selectedRights.contains("e") else {
                throw IMAPCommandFailure(.no, .noPerm, "Permission denied")
            }
        }
        let target: Access
        do {
            target = try await access(command.mailbox, need: "i")
        } catch let failure as IMAPCommandFailure where failure.code == .nonexistent {
            throw IMAPCommandFailure(.no, .tryCreate, "Mailbox doesn't exist")
        }
        let sources = try uids(command.sequenceSet, byUID: command.byUID)
        guard !sources.isEmpty else {
            await finish(tag, .ok, move ? "MOVE completed" : "COPY completed", allowExpunge: move || command.byUID)
            return
        }
        let store = store, source = state.mailbox, viewer = flagViewer
        let size = try await BlockingIO.run {
            try store.messages(in: source.id, uids: sources).reduce(Int64(0)) { $0 + Int64($1.size) }
        }
        try await checkQuota(adding: size, to: target)
        let pairs = try await store.copy(sources, from: source, to: target.mailbox, move: move, viewer: viewer)
        await refreshUsage(of: target.mailbox.owner)
        logAction("\(move ? "move" : "copy"): box=\(selectedLocation?.storeName ?? ""), uids=\(IMAPNumberSet(sources)), dest=\(target.location.storeName)")
        guard !pairs.isEmpty else {
            // Everything was expunged meanwhile and nothing is held any more: nothing was
            // copied, and COPYUID cannot name an empty set (RFC 4315 §3).
            await finish(tag, .no, code: .expungeIssued, "The messages were expunged meanwhile", allowExpunge: true)
            return
        }
        await reportJunkTraining(copiedFrom: source, to: target.mailbox, uids: pairs.map(\.1), move: move)
        let code = IMAPResponseCode.copyUID(uidValidity: target.mailbox.uidValidity,
                                            source: IMAPSequenceSet(compacting: pairs.map(\.0)),
                                            destination: IMAPSequenceSet(compacting: pairs.map(\.1)))
        if move {
            await sink.send([.untagged(.condition(.ok, code: code, text: "Moved"))])
            await finish(tag, .ok, "MOVE completed", allowExpunge: true)
        } else {
            await finish(tag, .ok, code: code, "COPY completed", allowExpunge: command.byUID)
        }
    }
}
