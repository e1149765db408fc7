import IMAPProtocol
import MailStore

/// The STATUS items that tell a NOTIFY client what changed in a mailbox other than the
/// selected one (RFC 5465 §5.1-5.3); empty when there is nothing it asked to hear.
enum NotifyStatusChange {
    static func values(from old: MailboxStatus?, to new: MailboxStatus, events: Set<IMAPNotifyEventKind>,
                       condStore: Bool) -> [IMAPStatusValue] {
        var attributes: [IMAPStatusAttribute] = []
        let counted = old.map { $0.messages != new.messages || $0.uidNext != new.uidNext } ?? true
        if counted, events.contains(.messageNew) || events.contains(.messageExpunge) {
            // §5.2/§5.3: "STATUS (UIDNEXT MESSAGES)", with HIGHESTMODSEQ when CONDSTORE
            // or QRESYNC is on.
            attributes = [.messages, .uidNext]
            if condStore { attributes.append(.highestModSeq) }
        } else if events.contains(.flagChange), old.map({ $0.highestModSeq != new.highestModSeq }) ?? true {
            // §5.1: HIGHESTMODSEQ and UIDVALIDITY with CONDSTORE; otherwise UNSEEN when the
            // number of \Seen messages changed, else nothing.
            if condStore {
                attributes = [.highestModSeq, .uidValidity]
            } else if old.map({ $0.unseen != new.unseen }) ?? false {
                attributes = [.unseen]
            }
        }
        // §5.1: "the server MUST notify the client about mailbox UIDVALIDITY changes".
        if let old, old.uidValidity != new.uidValidity, !attributes.contains(.uidValidity), !events.isEmpty {
            attributes.append(.uidValidity)
        }
        return attributes.map { attribute in
            switch attribute {
            case .messages: return IMAPStatusValue(attribute, UInt64(new.messages))
            case .uidNext: return IMAPStatusValue(attribute, UInt64(new.uidNext))
            case .uidValidity: return IMAPStatusValue(attribute, UInt64(new.uidValidity))
            case .unseen: return IMAPStatusValue(attribute, UInt64(new.unseen))
            default: return IMAPStatusValue(attribute, new.highestModSeq)
            }
        }
    }
}
