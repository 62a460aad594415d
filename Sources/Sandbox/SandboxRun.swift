/// One finished run: its result, and the sandbox it leaves behind, which goes away on its own.
public struct SandboxRun: Sendable {
    public var result: RunResult
    /// Lines on the runner's stream that did not carry the run's key: not from the runner, dropped.
    public var droppedLines: Int
    /// Where its time went (log and metrics).
    public var stages: RunStages
    private let teardown: Task<Void, Never>?

    public init(result: RunResult, droppedLines: Int = 0, stages: RunStages = RunStages(), teardown: Task<Void, Never>? = nil) {
        self.result = result
        self.droppedLines = droppedLines
        self.stages = stages
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
