import Metrics
import Prometheus
import Synchronization

/// The Prometheus registry behind `/metrics`. `bootstrap()` makes it swift-metrics' backend
/// for the whole process (once), so any module's `Counter(label:)` is exported too; the
/// admin API's own figures (logins, requests) are registered here, and the queue and
/// directory figures are read when scraped.
public final class AdminMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    let loginsOK: Prometheus.Counter
    let loginsFailed: Prometheus.Counter
    let queueMessages: Prometheus.Gauge
    let queueBytes: Prometheus.Gauge
    let users: Prometheus.Gauge
    let domains: Prometheus.Gauge
    let requestDuration: DurationHistogram
    private let requestCounters = Mutex<[String: Prometheus.Counter]>([:])

    private static let bootstrapped = Mutex(false)

    /// The server's registry (`serve` bootstraps it before the mail system starts, so the
    /// metrics every module makes land in it).
    public static let shared = AdminMetrics()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let logins = Self.name("logins", unit: "total", help: "Logins by service and result.")
        loginsOK = registry.makeCounter(descriptor: logins, labels: [("service", "admin"), ("result", "ok")])
        loginsFailed = registry.makeCounter(descriptor: logins, labels: [("service", "admin"), ("result", "failed")])
        queueMessages = registry.makeGauge(descriptor: Self.name("queue", unit: "messages", help: "Messages in the outbound queue."))
        queueBytes = registry.makeGauge(descriptor: Self.name("queue", unit: "bytes", help: "Bytes of the messages in the outbound queue."))
        users = registry.makeGauge(descriptor: Self.name("directory", unit: "users", help: "Users in the directory."))
        domains = registry.makeGauge(descriptor: Self.name("directory", unit: "domains", help: "Domains in the directory."))
        requestDuration = registry.makeDurationHistogram(
            descriptor: Self.name("admin_request_duration", unit: "seconds", help: "Admin API request durations."),
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)])
    }

    /// Makes this registry the process's swift-metrics backend (first call only).
    public func bootstrap() {
        let registry = self.registry
        Self.bootstrapped.withLock { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }

    func countRequest(method: String, status: Int) {
        let key = "\(method) \(status)"
        let counter = requestCounters.withLock { counters in
            if let existing = counters[key] { return existing }
            let made = registry.makeCounter(
                descriptor: Self.name("admin_requests", unit: "total", help: "Admin API requests by method and status."),
                labels: [("method", method), ("status", String(status))])
            counters[key] = made
            return made
        }
        counter.increment()
    }

    static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "postino", metricName: metric, unitName: unit, helpText: help)
    }

    /// The text format, after reading the figures taken at scrape time.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
