import Foundation
import Prometheus
import SQLKit
import Vapor

/// What `/metrics` reports. Each application has its own registry (tests run many side by side); counters
/// are per process, the queue figures are read from the database at scrape time, so they are the same
/// whichever instance is asked.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let requestBuckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                                     .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5)]
    private static let latencyBuckets: [Duration] = [.seconds(1), .seconds(5), .seconds(15), .seconds(60), .seconds(300), .seconds(900), .seconds(3600)]

    func request(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: .init(namespace: "ivareta", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered"),
                             labels: labels).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "ivareta", metricName: "http_request_duration", unitName: "seconds",
                                                         helpText: "Time to answer an HTTP request"),
                                       labels: [("method", method), ("route", route)], buckets: Self.requestBuckets).record(duration)
    }

    func jobFinished(kind: String, latency: TimeInterval) {
        registry.makeCounter(descriptor: .init(namespace: "ivareta", metricName: "jobs_completed", unitName: "total", helpText: "Jobs completed"),
                             labels: [("kind", kind)]).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "ivareta", metricName: "job_latency", unitName: "seconds",
                                                         helpText: "From a job's due time to its completion"),
                                       labels: [("kind", kind)], buckets: Self.latencyBuckets).record(.milliseconds(Int64(max(0, latency) * 1000)))
    }

    func storageFull() {
        registry.makeCounter(descriptor: .init(namespace: "ivareta", metricName: "storage_full_failures", unitName: "total",
                                               helpText: "Requests refused because the database could not write for lack of space"))
            .increment()
    }

    /// Free space beside the SQLite file, and whether writes work (1) or failed for lack of space lately (0).
    func refreshStorage(_ health: StorageHealth, now: Date) {
        if let free = health.freeBytes() {
            registry.makeGauge(descriptor: .init(namespace: "ivareta", metricName: "storage_free", unitName: "bytes",
                                                 helpText: "Free space on the disk of the SQLite file")).set(Double(free))
        }
        registry.makeGauge(descriptor: .init(namespace: "ivareta", metricName: "storage_writable", unitName: "",
                                             helpText: "1 while the database can write, 0 after writes failed for lack of space"))
            .set(health.state(now: now) == .ok ? 1.0 : 0.0)
    }

    func jobFailed(kind: String) {
        registry.makeCounter(descriptor: .init(namespace: "ivareta", metricName: "job_failures", unitName: "total", helpText: "Job attempts that failed"),
                             labels: [("kind", kind)]).increment()
    }

    /// Queue depth from the database: due now, scheduled for later, and parked for an administrator.
    func refreshQueue(on sql: any SQLDatabase, now: Date) async throws {
        let row = try await sql.raw("""
            SELECT
              COALESCE(SUM(CASE WHEN status = 'queued' AND due_at <= \(bind: now) THEN 1 ELSE 0 END), 0) AS due,
              COALESCE(SUM(CASE WHEN status = 'queued' AND due_at > \(bind: now) THEN 1 ELSE 0 END), 0) AS scheduled,
              COALESCE(SUM(CASE WHEN status = 'parked' THEN 1 ELSE 0 END), 0) AS parked
            FROM jobs
            """).first()
        for state in ["due", "scheduled", "parked"] {
            let value = try row?.decode(column: state, as: Int.self) ?? 0
            registry.makeGauge(descriptor: .init(namespace: "ivareta", metricName: "queue_depth", unitName: "jobs", helpText: "Jobs in the queue"),
                               labels: [("state", state)]).set(Double(value))
        }
    }
}

extension Application {
    private struct MetricsKey: StorageKey {
        typealias Value = AppMetrics
    }

    var metrics: AppMetrics {
        get {
            if let metrics = storage[MetricsKey.self] { return metrics }
            let metrics = AppMetrics()
            storage[MetricsKey.self] = metrics
            return metrics
        }
        set { storage[MetricsKey.self] = newValue }
    }
}

/// Counts and times every request, labelled with its route pattern (never the raw path, whose ids would make
/// a new series per case).
struct RequestMetricsMiddleware: AsyncMiddleware {
    let metrics: AppMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            let status = (error as? any AbortError)?.status.code ?? 500
            metrics.request(method: request.method.rawValue, route: Self.route(of: request), status: status, duration: ContinuousClock.now - start)
            throw error
        }
        metrics.request(method: request.method.rawValue, route: Self.route(of: request), status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }

    static func route(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}

/// Carries a request id through the logs and back to the client. Vapor takes the caller's `X-Request-Id` as
/// it is; one that does not look like an id (too long, or with characters that could forge log lines) is
/// replaced by a fresh one.
struct RequestIDMiddleware: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let incoming = request.headers.first(name: Self.header), !Self.isAcceptable(incoming) {
            request.logger[metadataKey: "request-id"] = .string(request.application.environmentals.uuid().uuidString)
        }
        let id = request.logger[metadataKey: "request-id"].map { "\($0)" } ?? ""
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: Self.header, value: id)
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
