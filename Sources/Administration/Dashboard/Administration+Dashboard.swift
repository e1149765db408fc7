import Foundation
import MessageEvents

extension Administration {
    /// The dashboard's figures at `now`: the last 24 hours of mail (from the message events),
    /// the queue and the quota use of every user.
    public func dashboard(now: Date = Date()) throws(AdminError) -> DashboardRow {
        let events = try eventStore()
        let currentHour = (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let first = Date(timeIntervalSince1970: currentHour - 23 * 3600)
        let figures = try storeCall { try events.hourlyFigures(since: first) }
        let byHour = Dictionary(figures.map { ($0.hour, $0) }, uniquingKeysWith: { a, _ in a })
        let hours = (0..<24).map { index -> DashboardHourRow in
            let hour = first.addingTimeInterval(Double(index) * 3600)
            let found = byHour[hour] ?? HourlyFigures(hour: hour)
            return DashboardHourRow(hour: AdminTime.iso8601(hour), received: found.received, sent: found.sent, refused: found.refused)
        }
        let stats = try queueStats()
        let quotas = try users().map { DashboardQuotaRow(user: $0.name, used: $0.quota_used, quota: $0.quota) }
        return DashboardRow(hours: hours, queue: DashboardQueueRow(messages: stats.messages, bytes: stats.bytes), quotas: quotas)
    }

    /// The message event store, or an internal error when this administration has none.
    func eventStore() throws(AdminError) -> any MessageEventStore {
        guard let events else { throw .internal("the message events are not available") }
        return events
    }
}
