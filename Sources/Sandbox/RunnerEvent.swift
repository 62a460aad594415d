import Foundation

/// One event of the runner's NDJSON output.
public enum RunnerEvent: Sendable, Equatable {
    case ready
    /// The runner has read the payload: the learner's code may have run from here on.
    case accepted
    case testStarted(step: String?, name: String)
    case testEnded(TestResult)
    case output(stream: String, text: String)
    case result(RunResult)
    /// Where the runner's time went (its part of `RunStages`); for the grader, not the learner.
    case stages(RunStages)
    /// Milliseconds the runner has not counted against the limit because the busy machine made
    /// the run wait for a CPU (its total so far): the grader's deadline moves as much.
    case deadlineCredit(milliseconds: Int)
}
