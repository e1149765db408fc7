import Intake
import Spool

/// Where fetched messages go: the intake pipeline of an account (the filter stages with
/// its antispam and antivirus switches; greylisting never applies to connector mail), and
/// the deliveries to its local user. Built by the server's wiring.
public struct ConnectorIntake: Sendable {
    public let spool: Spool
    public let hostname: String
    let pipeline: @Sendable (ConnectorAccount) -> IntakePipeline
    let deliveries: @Sendable (ConnectorAccount) throws -> [SpoolDelivery]

    /// `deliveries` throws `ConnectorRunError.noSuchUser` when the local user is gone.
    public init(spool: Spool, hostname: String, pipeline: @escaping @Sendable (ConnectorAccount) -> IntakePipeline,
                deliveries: @escaping @Sendable (ConnectorAccount) throws -> [SpoolDelivery]) {
        self.spool = spool
        self.hostname = hostname
        self.pipeline = pipeline
        self.deliveries = deliveries
    }
}
