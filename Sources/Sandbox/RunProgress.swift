import Foundation

/// What the runner has reported so far, kept so that a run cut short still shows its finished
/// tests, and counted against the stream's limits.
public final class RunProgress: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public var tests: [TestResult] = []
        public var running: String?
        public var stdout = ""
        public var stderr = ""
        /// The runner said it took the payload.
        public var accepted = false
        public var events = 0
        public var droppedLines = 0
        /// When the runner said `accepted`, and its own stages.
        public var acceptedAt: ContinuousClock.Instant?
        public var stages = RunStages()
        /// The runner's busy-machine credit so far.
        public var deadlineCreditMs = 0
    }

    private let limits: SandboxLimits
    private let lock = NSLock()
    private var state = Snapshot()
    private static let outputCap = 64 << 10

    public init(limits: SandboxLimits) {
        self.limits = limits
    }

    /// Records one event; returns what limit it passed, if it did (the run must then stop).
    public func record(_ event: RunnerEvent) -> String? {
        lock.withLock {
            state.events += 1
            if state.events > limits.maxEvents { return "more than \(limits.maxEvents) events" }
            switch event {
            case .accepted:
                state.accepted = true
                state.acceptedAt = .now
            case .stages(let stages):
                state.stages = stages
            case .deadlineCredit(let milliseconds):
                state.deadlineCreditMs = max(state.deadlineCreditMs, milliseconds)
            case .testStarted(_, let name):
                state.running = name
            case .testEnded(let test):
                state.tests.append(test)
                state.running = nil
                if state.tests.count > limits.maxTests { return "more than \(limits.maxTests) test results" }
            case .output(let stream, let text):
                if stream == "stderr" {
                    if state.stderr.utf8.count < Self.outputCap { state.stderr += text }
                } else if state.stdout.utf8.count < Self.outputCap {
                    state.stdout += text
                }
            case .ready:
                break
            case .result(let result):
                if result.tests.count > limits.maxTests { return "more than \(limits.maxTests) test results" }
            }
            return nil
        }
    }

    /// A line that was not the runner's (no key) or not an event.
    public func dropLine() {
        lock.withLock { state.droppedLines += 1 }
    }

    public var snapshot: Snapshot { lock.withLock { state } }

    /// The runner's busy-machine credit so far (read often: no copy of the whole snapshot).
    public var deadlineCreditMs: Int { lock.withLock { state.deadlineCreditMs } }
}
