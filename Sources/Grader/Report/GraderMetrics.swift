import Foundation
import Sandbox
import Prometheus

/// The grader's Prometheus metrics: requests by status, runs by outcome and duration,
/// queue depth and warm pool sizes (the last two read at scrape time).
final class GraderMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let runDuration: DurationHistogram
    private let stageDurations: [String: DurationHistogram]

    init() {
        runDuration = registry.makeDurationHistogram(
            name: "codealong_run_duration_seconds",
            buckets: [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32)],
            help: "Wall-clock time of a run, from taking a container to its result.")
        let registry = registry
        stageDurations = Dictionary(uniqueKeysWithValues: ["queue", "handoff", "learner_start", "tests", "result"].map { stage in
            (stage, registry.makeDurationHistogram(
                name: "codealong_run_stage_seconds", labels: [("stage", stage)],
                buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                          .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(4), .seconds(16)],
                help: "Where runs' time goes: queue wait, container hand-off, the learner's start, the tests, the result."))
        })
    }

    func recordRequest(path: String, status: Int) {
        registry.makeCounter(
            name: "codealong_http_requests_total", labels: [("path", path), ("status", String(status))],
            help: "HTTP requests answered, by path and status code."
        ).increment()
    }

    func recordStages(_ stages: RunStages) {
        for (stage, milliseconds) in stages.named {
            stageDurations[stage]?.record(.milliseconds(milliseconds))
        }
    }

    func recordRun(_ result: RunResult, mode: String, droppedLines: Int = 0) {
        registry.makeCounter(
            name: "codealong_runs_total", labels: [("status", result.status.rawValue), ("mode", mode)],
            help: "Runs finished, by outcome and mode."
        ).increment()
        runDuration.record(.milliseconds(result.durationMs))
        registry.makeCounter(
            name: "codealong_runner_lines_dropped_total",
            help: "Lines on runners' streams without the run's key (not from the runner), dropped."
        ).increment(by: Int64(droppedLines))
    }

    /// Renders the exposition text, after refreshing the gauges that are read rather than counted.
    func render(queueDepth: Int, running: Int, pool: [String: Int]) -> String {
        registry.makeGauge(name: "codealong_queue_depth", help: "Submissions waiting for a slot.").set(Double(queueDepth))
        registry.makeGauge(name: "codealong_runs_in_progress", help: "Runs executing now.").set(Double(running))
        for (profile, size) in pool {
            registry.makeGauge(
                name: "codealong_pool_idle_containers", labels: [("profile", profile)],
                help: "Warm containers ready per Valkey profile."
            ).set(Double(size))
        }
        return registry.emitToString()
    }
}
