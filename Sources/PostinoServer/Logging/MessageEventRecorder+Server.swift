import Directory
import EventStore
import MessageEvents

extension MessageEventRecorder {
    /// The recorder of a running server: events in postino.sqlite, written by their own
    /// thread, pruned daily to `log.events_days`.
    public static func server(directory: DirectoryStore) throws -> MessageEventRecorder {
        let recorder = try cli(directory: directory)
        recorder.start()
        return recorder
    }

    /// The recorder of a CLI command: each event stored as it is logged.
    public static func cli(directory: DirectoryStore) throws -> MessageEventRecorder {
        let settings = directory.settings
        return MessageEventRecorder(store: try SQLiteMessageEventStore(database: directory.database), retentionDays: {
            // An unreadable setting keeps the default rather than pruning more than asked.
            (try? settings.int(.logEventsDays)) ?? 30
        })
    }
}
