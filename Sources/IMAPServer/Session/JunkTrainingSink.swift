import MailStore

/// What a user's IMAP action says about messages: moved or copied into Junk (or flagged
/// `$Junk`) means spam, moved out of Junk to anything but Trash (or flagged `$NotJunk`)
/// means ham (SPEC 8, issue 14). The session reports it; the sink decides whether the
/// user may train and queues it durably, off the reply path.
public struct JunkTrainingEvent: Sendable, Equatable {
    public enum Verdict: String, Sendable { case spam, ham }
    public var user: String
    public var verdict: Verdict
    /// The mailbox and UIDs where the messages are now.
    public var mailboxID: Int64
    public var uids: [UInt32]
    public var reason: String
}

public protocol JunkTrainingSink: Sendable {
    /// Called before the command's tagged reply; must return quickly.
    func record(_ event: JunkTrainingEvent) async
}

extension IMAPSession {
    func reportJunkTraining(_ verdict: JunkTrainingEvent.Verdict, mailbox: Mailbox, uids: [UInt32], reason: String) async {
        guard let sink = environment.junkTraining, !uids.isEmpty else { return }
        await sink.record(JunkTrainingEvent(user: userName, verdict: verdict, mailboxID: mailbox.id, uids: uids, reason: reason))
    }

    /// COPY/MOVE from `source` to `target`: into Junk is spam; out of Junk (not to Trash) is ham.
    func reportJunkTraining(copiedFrom source: Mailbox, to target: Mailbox, uids: [UInt32], move: Bool) async {
        let action = move ? "move" : "copy"
        if target.isJunk, !source.isJunk {
            await reportJunkTraining(.spam, mailbox: target, uids: uids, reason: "\(action) into Junk")
        } else if source.isJunk, !target.isJunk, !target.isTrash {
            await reportJunkTraining(.ham, mailbox: target, uids: uids, reason: "\(action) out of Junk")
        }
    }
}
