import IMAPProtocol
import Testing
@testable import IMAPServer
@testable import MailStore

/// The STATUS items NOTIFY sends for a change in another mailbox (RFC 5465 §5.1-5.3).
@Suite struct NotifyStatusChangeTests {
    private func status(messages: Int = 3, unseen: Int = 1, uidNext: UInt32 = 10, uidValidity: UInt32 = 7,
                        modSeq: UInt64 = 20) -> MailboxStatus {
        MailboxStatus(messages: messages, recent: 0, unseen: unseen, deleted: 0, size: 100, uidNext: uidNext,
                      uidValidity: uidValidity, highestModSeq: modSeq)
    }

    private let messageEvents: Set<IMAPNotifyEventKind> = [.messageNew, .messageExpunge]

    @Test func newAndExpungedMessagesGiveMessagesAndUIDNext() {
        let old = status()
        // §5.2: "STATUS (UIDNEXT MESSAGES)".
        #expect(NotifyStatusChange.values(from: old, to: status(messages: 4, uidNext: 11, modSeq: 21), events: messageEvents,
                                          condStore: false)
                == [IMAPStatusValue(.messages, 4), IMAPStatusValue(.uidNext, 11)])
        // "If the CONDSTORE extension … is enabled, the HIGHESTMODSEQ status data item MUST be included".
        #expect(NotifyStatusChange.values(from: old, to: status(messages: 2, modSeq: 22), events: messageEvents, condStore: true)
                == [IMAPStatusValue(.messages, 2), IMAPStatusValue(.uidNext, 10), IMAPStatusValue(.highestModSeq, 22)])
        // Unknown before: the counters are sent.
        #expect(NotifyStatusChange.values(from: nil, to: old, events: messageEvents, condStore: false).count == 2)
    }

    @Test func flagChangesNeedFlagChangeAndSayWhatChanged() {
        let old = status()
        let read = status(unseen: 0, modSeq: 21)
        // Without FlagChange a flag change is not reported.
        #expect(NotifyStatusChange.values(from: old, to: read, events: messageEvents, condStore: true).isEmpty)
        let withFlags = messageEvents.union([.flagChange])
        // §5.1: with CONDSTORE, HIGHESTMODSEQ and UIDVALIDITY.
        #expect(NotifyStatusChange.values(from: old, to: read, events: withFlags, condStore: true)
                == [IMAPStatusValue(.highestModSeq, 21), IMAPStatusValue(.uidValidity, 7)])
        // Without CONDSTORE: UNSEEN when the \Seen count changed, else nothing.
        #expect(NotifyStatusChange.values(from: old, to: read, events: withFlags, condStore: false) == [IMAPStatusValue(.unseen, 0)])
        #expect(NotifyStatusChange.values(from: old, to: status(modSeq: 21), events: withFlags, condStore: false).isEmpty)
        // Nothing changed: nothing.
        #expect(NotifyStatusChange.values(from: old, to: old, events: withFlags, condStore: true).isEmpty)
    }

    @Test func aNewUIDValidityIsAlwaysTold() {
        #expect(NotifyStatusChange.values(from: status(), to: status(uidValidity: 8), events: messageEvents, condStore: false)
                == [IMAPStatusValue(.uidValidity, 8)])
    }
}
