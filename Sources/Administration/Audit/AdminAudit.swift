import Foundation

/// One change made through the REST API, as the audit keeps it (`log/audit` and the
/// database) and `GET /api/v1/audit` lists it. Request bodies are never kept.
public struct AdminAuditRow: Codable, Sendable, Hashable {
    /// ISO 8601, UTC.
    public var time: String
    /// The administrator.
    public var user: String
    /// `session` or `api`, and the API token's name.
    public var credential: String
    /// The client's IP address.
    public var address: String
    public var method: String
    public var path: String
    public var status: Int

    public init(time: Date, user: String, credential: String, address: String, method: String, path: String, status: Int) {
        self.time = AdminTime.iso8601(time)
        self.user = user
        self.credential = credential
        self.address = address
        self.method = method
        self.path = path
        self.status = status
    }

    public init(timeText: String, user: String, credential: String, address: String, method: String, path: String, status: Int) {
        self.time = timeText
        self.user = user
        self.credential = credential
        self.address = address
        self.method = method
        self.path = path
        self.status = status
    }
}

/// Where the audit entries live (`AdminStore.SQLiteAdminAuditStore`). Synchronous and
/// possibly blocking.
public protocol AdminAuditStore: Sendable {
    func append(_ row: AdminAuditRow) throws(AdminError)
    /// The most recent entries, newest first.
    func recent(limit: Int) throws(AdminError) -> [AdminAuditRow]
}
