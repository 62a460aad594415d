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

/// One finished run: its result, and the sandbox it leaves behind, which goes away on its own.
public struct SandboxRun: Sendable {
    public var result: RunResult
    /// Lines on the runner's stream that did not carry the run's key: not from the runner, dropped.
    public var droppedLines: Int
    private let teardown: Task<Void, Never>?

    public init(result: RunResult, droppedLines: Int = 0, teardown: Task<Void, Never>? = nil) {
        self.result = result
        self.droppedLines = droppedLines
        self.teardown = teardown
    }

    /// Returns once the run's container has exited and is removed (or was given up on after
    /// every attempt to stop it timed out): until then it still holds its share of the machine.
    public func waitUntilGone() async {
        await teardown?.value
    }

    /// Whether the run's container is gone within `limit` (waiting no longer than that).
    public func isGone(within limit: Duration) async -> Bool {
        guard let teardown else { return true }
        return await teardown.value(within: limit) != nil
    }
}

/// What `GET /api/health` reports about the sandbox.
public struct SandboxHealth: Sendable, Codable, Equatable {
    public var available: Bool
    public var detail: String
    /// Idle warm containers per Valkey profile.
    public var pool: [String: Int]

    public init(available: Bool, detail: String, pool: [String: Int]) {
        self.available = available
        self.detail = detail
        self.pool = pool
    }
}
