/// Where a run's time went, in milliseconds, for the grader's log line and `/metrics` (never
/// shown to the learner). A stage that did not happen (a run that stopped early, a program
/// that is not a server) is nil.
public struct RunStages: Sendable, Equatable {
    /// Waiting in the grader's queue for a run slot (the grader's route sets it).
    public var queueMs: Int?
    /// From the sandbox taking the run to the runner accepting its payload: a container from
    /// the warm pool (or a new one) and the hand-over.
    public var handoffMs: Int?
    /// The learner's program, from its start until it listened (the runner measures it).
    public var learnerStartMs: Int?
    /// The tests, or the program in run mode, apart from the learner's start (runner).
    public var testsMs: Int?
    /// After the last test, until the result was written: stopping the program, gathering (runner).
    public var resultMs: Int?

    public init(
        queueMs: Int? = nil, handoffMs: Int? = nil, learnerStartMs: Int? = nil, testsMs: Int? = nil, resultMs: Int? = nil
    ) {
        self.queueMs = queueMs
        self.handoffMs = handoffMs
        self.learnerStartMs = learnerStartMs
        self.testsMs = testsMs
        self.resultMs = resultMs
    }

    /// Each stage that happened, by the name the log and the metrics use.
    public var named: [(stage: String, milliseconds: Int)] {
        [("queue", queueMs), ("handoff", handoffMs), ("learner_start", learnerStartMs), ("tests", testsMs), ("result", resultMs)]
            .compactMap { name, value in value.map { (name, $0) } }
    }
}
