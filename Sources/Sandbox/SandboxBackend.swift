import Content
import Foundation

/// Where submissions run. Docker here; a Kubernetes or gVisor backend can conform without touching HTTP.
public protocol SandboxBackend: Sendable {
    /// Runs one submission to completion (or its limit) and reports each runner event as it happens.
    func run(
        _ submission: Submission, timeoutSeconds: Double,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> SandboxRun

    /// Whether runs can start now (cheap to ask often: a backend caches what it has to look up).
    func health() async -> SandboxHealth

    /// Gets ready for runs (cleans up after an earlier life, warms up). Called once at start-up.
    func start() async

    /// Periodic housekeeping (the grader calls it every minute or so).
    func maintain() async

    /// Removes every container this sandbox started.
    func shutdown() async
}

extension SandboxBackend {
    public func start() async {}
    public func maintain() async {}
}
