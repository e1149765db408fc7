import Foundation

/// Which listed messages a run deletes on the remote side: those whose identity is
/// remembered as stored (never pending or refused) and due under the account's policy.
/// An identity listed twice (a server repeating a UIDL) names no single message, so
/// neither is deleted: which one was stored is unknown.
public enum RemoteDeletion {
    public static func due(listed: [RemoteMessage], known: [String: FetchedMessage], policy: RemotePolicy,
                           now: Date) -> [RemoteMessage] {
        var count: [String: Int] = [:]
        for message in listed { count[message.remoteID, default: 0] += 1 }
        return listed.filter { message in
            guard count[message.remoteID] == 1, let row = known[message.remoteID], row.state == .stored else { return false }
            return policy.deletes(age: now.timeIntervalSince(row.at))
        }
    }
}
