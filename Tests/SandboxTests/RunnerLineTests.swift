import Foundation
import Testing

@testable import Sandbox

/// Which lines of a runner's stream count, and what the stream's limits do.
@Suite struct RunnerLineTests {
    static let key = "0123456789abcdef0123456789abcdef"

    static func line(_ json: String) -> Data { Data(json.utf8) }

    @Test func beforeThePayloadOnlyReadyCounts() {
        #expect(RunnerLine.parse(Self.line(#"{"event":"ready"}"#), key: nil) == .event(.ready))
        #expect(RunnerLine.parse(Self.line(#"{"event":"result","status":"pass","message":"x"}"#), key: nil) == .unkeyed)
        #expect(RunnerLine.parse(Self.line("not json"), key: nil) == .unreadable)
    }

    @Test func afterItOnlyKeyedEventsCount() {
        let keyed = #"{"event":"result","status":"pass","message":"ok","key":"\#(Self.key)"}"#
        guard case .event(.result(let result)) = RunnerLine.parse(Self.line(keyed), key: Self.key) else {
            Issue.record("a keyed result is the runner's")
            return
        }
        #expect(result.status == .pass && result.message == "ok")
        for forged in [
            #"{"event":"result","status":"pass","message":"forged"}"#,
            #"{"event":"result","status":"pass","message":"forged","key":"0000"}"#,
            #"{"event":"result","status":"pass","message":"forged","key":null}"#,
            #"{"event":"result","status":"pass","message":"forged","key":["\#(Self.key)"]}"#,
            #"{"event":"ready"}"#,
        ] {
            #expect(RunnerLine.parse(Self.line(forged), key: Self.key) == .unkeyed, "\(forged)")
        }
        #expect(RunnerLine.parse(Self.line(#"{"event":"accepted","key":"\#(Self.key)"}"#), key: Self.key) == .event(.accepted))
        #expect(RunnerLine.parse(Self.line(#"{"event":"surprise","key":"\#(Self.key)"}"#), key: Self.key) == .unreadable)
    }

    @Test func theRunnersStagesAreReadAndKeptForTheLogNotTheLearner() {
        let stages = #"{"event":"stages","learnerStartMs":84,"testsMs":37,"resultMs":6,"key":"\#(Self.key)"}"#
        let expected = RunStages(learnerStartMs: 84, testsMs: 37, resultMs: 6)
        #expect(RunnerLine.parse(Self.line(stages), key: Self.key) == .event(.stages(expected)))
        let runMode = #"{"event":"stages","learnerStartMs":null,"testsMs":12,"resultMs":3,"key":"\#(Self.key)"}"#
        #expect(RunnerLine.parse(Self.line(runMode), key: Self.key) == .event(.stages(RunStages(testsMs: 12, resultMs: 3))))
        #expect(RunnerLine.parse(Self.line(#"{"event":"stages","testsMs":1}"#), key: Self.key) == .unkeyed)
        let progress = RunProgress(limits: SandboxLimits())
        _ = progress.record(.accepted)
        _ = progress.record(.stages(expected))
        #expect(progress.snapshot.stages == expected && progress.snapshot.acceptedAt != nil)
        #expect(expected.named.map(\.stage) == ["learner_start", "tests", "result"])
    }

    @Test func busyMachineCreditIsReadWhenKeyedAndWellFormed() {
        let credit = #"{"event":"deadline","creditMs":1500,"key":"\#(Self.key)"}"#
        #expect(RunnerLine.parse(Self.line(credit), key: Self.key) == .event(.deadlineCredit(milliseconds: 1500)))
        #expect(RunnerLine.parse(Self.line(#"{"event":"deadline","creditMs":1500}"#), key: Self.key) == .unkeyed)
        for bad in [#""x""#, "-5", "1.5", "null"] {
            let line = #"{"event":"deadline","creditMs":\#(bad),"key":"\#(Self.key)"}"#
            #expect(RunnerLine.parse(Self.line(line), key: Self.key) == .unreadable, "\(bad)")
        }
        let progress = RunProgress(limits: SandboxLimits())
        _ = progress.record(.deadlineCredit(milliseconds: 900))
        _ = progress.record(.deadlineCredit(milliseconds: 400))
        #expect(progress.deadlineCreditMs == 900, "the total so far; it never shrinks")
    }

    @Test func progressKeepsWhatARunCutShortShows() {
        var limits = SandboxLimits()
        limits.maxEvents = 5
        limits.maxTests = 2
        let progress = RunProgress(limits: limits)
        #expect(progress.record(.accepted) == nil)
        #expect(progress.record(.testStarted(step: "02-ping", name: "pings")) == nil)
        #expect(progress.snapshot.running == "pings")
        #expect(progress.record(.testEnded(TestResult(name: "pings", status: .pass))) == nil)
        #expect(progress.record(.output(stream: "stdout", text: "hi\n")) == nil)
        let snapshot = progress.snapshot
        #expect(snapshot.accepted && snapshot.running == nil && snapshot.tests.count == 1 && snapshot.stdout == "hi\n")
        #expect(progress.record(.output(stream: "stderr", text: "x")) == nil)
        #expect(progress.record(.output(stream: "stderr", text: "y")) == "more than 5 events")
        progress.dropLine()
        #expect(progress.snapshot.droppedLines == 1)
    }

    @Test func tooManyTestsIsALimitToo() {
        var limits = SandboxLimits()
        limits.maxTests = 1
        let progress = RunProgress(limits: limits)
        #expect(progress.record(.testEnded(TestResult(name: "a", status: .pass))) == nil)
        #expect(progress.record(.testEnded(TestResult(name: "b", status: .pass))) == "more than 1 test results")
    }
}
