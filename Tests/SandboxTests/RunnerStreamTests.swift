import Content
import Foundation
import Logging
import Testing

@testable import Sandbox

/// What the grader does with a runner gone wrong: one that forges unkeyed results, floods it,
/// sends a line or a stream over the limits, or dies before or after taking the payload.
/// No real runner does these things (they are the runner's own limits, or faults of the
/// engine), so `Fixtures/fake-docker` plays `docker`, and says so.
@Suite struct RunnerStreamTests {
    static let fakeDocker = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fake-docker").path

    /// A sandbox whose "containers" behave as `mode` says; the token names its log of `run`s.
    static func sandbox(_ mode: String, token: String = String(UUID().uuidString.prefix(8).lowercased()),
                        adjust: (inout SandboxLimits) -> Void = { _ in }) -> DockerSandbox {
        var settings = DockerSettings()
        settings.docker = fakeDocker
        settings.image = "fake/\(mode)/\(token)"
        settings.instance = "fake-\(token)"
        adjust(&settings.limits)
        var logger = Logger(label: "runner-stream-test")
        logger.logLevel = .critical
        return DockerSandbox(settings: settings, pool: .init(sizes: [:], prewarm: []), logger: logger)
    }

    static func submission() -> Submission {
        Submission(language: .python, files: [SourceFile(name: "main.py", contents: "print(1)")], mode: .run, valkey: .none, lesson: nil)
    }

    /// The deadline: the limit plus the kill grace, moved by the credit the runner reports for a
    /// busy machine (at most the limit again), and never by anything else. (The fake runner
    /// reports 2 s of credit and answers at 9 s: past a 2 + 6 s deadline, within 2 + 6 + 2 s.
    /// The grace is long because on a loaded machine the fake itself may take seconds to start.)
    @Test func theDeadlineMovesByTheBusyMachineCreditTheRunnerReports() async {
        let run = await Self.sandbox("busy-credit") { $0.killGraceSeconds = 6 }.run(Self.submission(), timeoutSeconds: 2) { _ in }
        #expect(run.result.status == .pass, "\(run.result.message)")
    }

    /// A runner that stops answering is cut off at the plain limit; one that claims more credit
    /// than the cap gets the cap and no more. (Both also wait for the engine check that follows
    /// a deadline, up to 2 s, so they are compared with each other.)
    @Test func withoutCreditThePlainLimitAndNeverMoreThanTheCap() async {
        @Sendable func timed(_ mode: String) async -> (RunResult, Duration) {
            let clock = ContinuousClock()
            let began = clock.now
            let run = await Self.sandbox(mode) { $0.killGraceSeconds = 6 }.run(Self.submission(), timeoutSeconds: 1) { _ in }
            return (run.result, clock.now - began)
        }
        async let silent = timed("silent")
        async let greedy = timed("credit-beyond-the-cap")
        let ((silentResult, silentTime), (greedyResult, greedyTime)) = await (silent, greedy)
        #expect(silentResult.status == .timeout && greedyResult.status == .timeout)
        let cap = Duration.seconds(1 + 6 + SubmissionRules.busyMachineCredit * 1)
        #expect(greedyTime >= cap - .milliseconds(100))
        #expect(greedyTime < cap + .seconds(6), "the cap is the limit again, whatever the runner claims (then the engine check)")
        #expect(greedyTime - silentTime > .milliseconds(500), "no credit reported: cut off at the plain limit")
    }

    @Test func unkeyedLinesAreDroppedAndCounted() async {
        let run = await Self.sandbox("forge-unkeyed").run(Self.submission(), timeoutSeconds: 15) { _ in }
        #expect(run.result.status == .fail)
        #expect(run.result.message == "the real verdict")
        #expect(run.droppedLines == 2)
    }

    @Test func aFloodOfEventsIsStoppedAtTheLimit() async {
        let sandbox = Self.sandbox("flood-events") { $0.maxEvents = 500 }
        let run = await sandbox.run(Self.submission(), timeoutSeconds: 10) { _ in }
        #expect(run.result.status == .error)
        #expect(run.result.message.contains("more than 500 events"), "\(run.result.message)")
        await run.waitUntilGone()
    }

    @Test func tooManyTestResultsAreStopped() async {
        let sandbox = Self.sandbox("too-many-tests") { $0.maxTests = 100 }
        let run = await sandbox.run(Self.submission(), timeoutSeconds: 10) { _ in }
        #expect(run.result.message.contains("more than 100 test results"), "\(run.result.message)")
    }

    @Test func aHugeLineIsStopped() async {
        let sandbox = Self.sandbox("huge-line") { $0.maxLineBytes = 1 << 20 }
        let run = await sandbox.run(Self.submission(), timeoutSeconds: 10) { _ in }
        #expect(run.result.status == .error)
        #expect(run.result.message.contains("a line of more than 1024 KiB"), "\(run.result.message)")
    }

    @Test func aContainerLostBeforeAcceptingIsRetriedOnce() async throws {
        let token = String(UUID().uuidString.prefix(8).lowercased())
        let run = await Self.sandbox("die-before-accepting", token: token).run(Self.submission(), timeoutSeconds: 30) { _ in }
        #expect(run.result.status == .error)
        #expect(try Self.runs(token) == 2)
    }

    @Test func aContainerLostAfterAcceptingIsNeverRunAgain() async throws {
        let token = String(UUID().uuidString.prefix(8).lowercased())
        let run = await Self.sandbox("die-after-accepting", token: token).run(Self.submission(), timeoutSeconds: 15) { _ in }
        #expect(run.result.status == .error)
        #expect(try Self.runs(token) == 1, "the learner's code may have run: it must not run twice")
    }

    @Test func theRunIsGoneOnlyWhenItsContainerHasExited() async throws {
        let token = String(UUID().uuidString.prefix(8).lowercased())
        let run = await Self.sandbox("linger", token: token).run(Self.submission(), timeoutSeconds: 15) { _ in }
        #expect(run.result.status == .pass, "the result does not wait for the container")
        #expect(await !run.isGone(within: .milliseconds(300)), "the container is still there, so the run holds its place")
        FileManager.default.createFile(atPath: "/tmp/fake-docker-\(token).release", contents: nil)
        await run.waitUntilGone()
    }

    static func runs(_ token: String) throws -> Int {
        let path = "/tmp/fake-docker-\(token).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
    }
}
