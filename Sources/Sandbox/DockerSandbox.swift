import Content
import Foundation
import Logging

/// Runs each submission in a fresh, locked-down Docker container taken from the warm pool,
/// enforces the wall-clock limit from outside with `docker kill`, and turns what the
/// runner reported (or failed to report) into a `RunResult`.
///
/// Only lines that carry the run's key count as the runner's (docs/SECURITY.md), and the
/// stream is bounded (`SandboxLimits.max…`). Every answer comes, whatever state Docker is in,
/// by the step's limit plus `killGraceSeconds` to get a container, and then by the limit plus
/// `killGraceSeconds` to run, moved by the busy-machine credit the runner reports (at most
/// `SubmissionRules.busyMachineCredit` times the limit).
public final class DockerSandbox: SandboxBackend {
    public let settings: DockerSettings
    public let pool: WarmPool
    private let logger: Logger
    private let healthCache: HealthCache

    public init(settings: DockerSettings, pool: WarmPool.Settings, logger: Logger) {
        self.settings = settings
        self.pool = WarmPool(docker: settings, settings: pool, logger: logger)
        self.logger = logger
        let docker = settings.docker
        let image = settings.image
        let timeout = settings.limits.dockerCommandTimeout
        healthCache = HealthCache(maxAge: .seconds(3)) {
            let probe = await runCommand(docker, ["image", "inspect", "--format", "{{.Id}}", image], timeout: timeout)
            if probe.status == 0 {
                return (true, "Docker is reachable and image \(image) is present.")
            }
            let reason = probe.timedOut
                ? "Docker did not answer within \(timeout)"
                : probe.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return (false, "Docker or the runner image is not available: \(reason)")
        }
    }

    /// Removes containers a previous run of this grader instance left behind, then warms the pool.
    public func start() async {
        await reapOrphans(keeping: [])
        await pool.start()
    }

    public func run(
        _ submission: Submission, timeoutSeconds: Double,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> SandboxRun {
        let clock = ContinuousClock()
        let began = clock.now
        let startBy = began + .seconds(timeoutSeconds + settings.limits.killGraceSeconds)
        var attempt = await runOnce(submission, timeoutSeconds: timeoutSeconds, startBy: startBy, onEvent: onEvent)
        if attempt.lostBeforeAccepting, clock.now < startBy {
            // The container ended before the runner took the payload (an engine restart, a
            // `docker rm`): the learner's code never ran, so running it once more is safe.
            logger.warning("runner container vanished before accepting the payload; retrying once")
            let first = attempt.teardown
            attempt = await runOnce(submission, timeoutSeconds: timeoutSeconds, startBy: startBy, onEvent: onEvent)
            let second = attempt.teardown
            attempt.teardown = Task {
                await first?.value
                await second?.value
            }
        }
        attempt.result.durationMs = Int((clock.now - began) / .milliseconds(1))
        if attempt.droppedLines > 0 {
            logger.warning("dropped lines without the run's key", metadata: ["count": "\(attempt.droppedLines)"])
        }
        var stages = attempt.stages
        stages.handoffMs = attempt.acceptedAt.map { Int(($0 - began) / .milliseconds(1)) }
        return SandboxRun(result: attempt.result, droppedLines: attempt.droppedLines, stages: stages, teardown: attempt.teardown)
    }

    /// One attempt at a run.
    private struct Attempt: Sendable {
        var result: RunResult
        /// The container ended without saying `accepted`: the code never ran.
        var lostBeforeAccepting = false
        var droppedLines = 0
        var teardown: Task<Void, Never>?
        /// The runner's stages, and when it accepted the payload.
        var stages = RunStages()
        var acceptedAt: ContinuousClock.Instant?
    }

    private func runOnce(
        _ submission: Submission, timeoutSeconds: Double, startBy: ContinuousClock.Instant,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> Attempt {
        let pool = self.pool
        let mode = submission.valkey
        let taken: Result<RunnerContainer, any Error>? = await firstOf(
            {
                do { return .success(try await pool.take(mode)) } catch { return .failure(error) }
            },
            {
                do { try await Task.sleep(until: startBy) } catch { return .failure(error) }  // cancelled: no timeout
                return nil
            })
        let container: RunnerContainer
        switch taken {
        case .success(let started)?:
            container = started
        case .failure(let error)?:
            logger.error("sandbox start failed", metadata: ["error": "\(error)"])
            return Attempt(result: RunResult(
                status: .error,
                message: "The sandbox could not start (\(error)). This is our fault, not your code's: try again in a moment."))
        case nil:
            logger.error("sandbox start timed out")
            return Attempt(result: RunResult(
                status: .error,
                message: "The sandbox did not start in time: the container engine is not answering. This is our fault, "
                    + "not your code's: try again in a minute."))
        }
        let key = RunnerPayload.newKey()
        let payload = RunnerPayload(submission: submission, timeoutSeconds: timeoutSeconds, key: key)
        container.send((try? JSONEncoder.stable.encode(payload)) ?? Data())
        // The learner's clock starts now, not while the run waited for a container. The runner
        // does not count time the busy machine made the run wait for a CPU (up to a cap) and says
        // so as it goes: the deadline moves by what it reported, and no more, so a runner (or an
        // engine) that stops answering is cut off at the plain limit.
        let sent = ContinuousClock.now
        let plainLimit = Duration.seconds(timeoutSeconds + settings.limits.killGraceSeconds)
        let maxCredit = Duration.seconds(timeoutSeconds * SubmissionRules.busyMachineCredit)

        let progress = RunProgress(limits: settings.limits)
        @Sendable func deadline() -> ContinuousClock.Instant {
            sent + plainLimit + min(.milliseconds(progress.deadlineCreditMs), maxCredit)
        }
        let outcome: Outcome = await firstOf(
            {
                for await line in container.lines {
                    switch RunnerLine.parse(line, key: key) {
                    case .event(let event):
                        if let exceeded = progress.record(event) { return .overLimit(exceeded) }
                        await onEvent(event)
                        if case .result(let result) = event { return .finished(result) }
                    case .unkeyed, .unreadable:
                        progress.dropLine()
                    }
                }
                if let overflow = container.overflow { return .overLimit(overflow.description) }
                return .ended
            },
            {
                while ContinuousClock.now < deadline() {
                    guard (try? await Task.sleep(until: min(deadline(), .now + .milliseconds(250)))) != nil else { break }
                }
                return .deadline
            })

        let snapshot = progress.snapshot
        var attempt = Attempt(
            result: RunResult(status: .error, message: ""), droppedLines: snapshot.droppedLines, stages: snapshot.stages,
            acceptedAt: snapshot.acceptedAt)
        var engineDown = false
        switch outcome {
        case .finished(let reported):
            attempt.result = reported
        case .deadline:
            if let failure = await engineFailure(snapshot) {
                (attempt.result, engineDown) = (failure, true)
            } else {
                attempt.result = timeoutResult(snapshot, timeoutSeconds: timeoutSeconds, mode: submission.mode.rawValue)
            }
        case .overLimit(let exceeded):
            logger.error("runner stream over a limit", metadata: ["limit": "\(exceeded)"])
            attempt.result = RunResult(
                status: .error,
                message: "The run was stopped: its sandbox sent \(exceeded), over the grader's limit. "
                    + "This should not happen: if your program prints a lot, print less and try again.",
                tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
        case .ended:
            let status = await container.waitForExit(within: .seconds(2))
            attempt.lostBeforeAccepting = !snapshot.accepted
            // Not accepted: it runs again at once; the engine is asked only if the code ran.
            if snapshot.accepted, status != 137, let failure = await engineFailure(snapshot) {
                (attempt.result, engineDown) = (failure, true)
            } else {
                attempt.result = endedWithoutResult(status: status, stderr: container.stderr, snapshot: snapshot)
            }
        }
        // The pool gives a container that answered a few seconds to exit by itself; one that
        // did not is stopped at once (without asking an engine that is not answering).
        let patience: Duration = if case .finished = outcome { .seconds(5) } else { .zero }
        attempt.teardown = Task { await pool.finished(container, patience: patience, engineDown: engineDown) }
        return attempt
    }

    public func health() async -> SandboxHealth {
        let (available, detail) = await healthCache.value()
        return SandboxHealth(available: available, detail: detail, pool: await pool.sizes)
    }

    /// Recycles idle containers and removes orphans (left by a crash, or by a lost kill).
    public func maintain() async {
        await pool.maintain()
        await reapOrphans(keeping: await pool.liveNames)
    }

    public func shutdown() async {
        await pool.shutdown()
        await reapOrphans(keeping: [])
    }

    /// Removes this instance's containers that nobody is using (left by a crash, or by a lost kill).
    public func reapOrphans(keeping live: Set<String>) async {
        let timeout = settings.limits.dockerCommandTimeout
        let listing = await runCommand(
            settings.docker,
            ["ps", "-a", "--filter", "label=\(DockerSettings.labelKey)=\(settings.instance)", "--format", "{{.Names}}"],
            timeout: timeout)
        let orphans = listing.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !live.contains($0) }
        guard !orphans.isEmpty else { return }
        logger.info("reaping orphaned containers", metadata: ["count": "\(orphans.count)"])
        _ = await runCommand(settings.docker, ["rm", "-f"] + orphans, timeout: timeout)
    }

    private enum Outcome: Sendable {
        case finished(RunResult)
        case deadline
        case overLimit(String)
        case ended
    }

    /// When a run ends badly, asks Docker whether it is still there: if not, that is what the
    /// learner is told (not a timeout or a crash of their program). A healthy runner always
    /// answers before the grader's deadline, so an engine that does not answer within two
    /// seconds here is taken as the cause.
    private func engineFailure(_ snapshot: RunProgress.Snapshot) async -> RunResult? {
        let answer = await healthCache.fresh(within: .seconds(2))
        let (available, detail) = answer ?? (false, "Docker did not answer within 2 s")
        guard !available else { return nil }
        // Until Docker answers again, runs waiting in line are told at once.
        await healthCache.record((available: false, detail: detail))
        logger.error("container engine unavailable during a run", metadata: ["detail": "\(detail)"])
        return RunResult(
            status: .error,
            message: "The sandbox's container engine stopped answering during your run (\(detail)). This is our fault, "
                + "not your code's: your code is safe, try again in a minute.",
            tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
    }

    private func timeoutResult(_ snapshot: RunProgress.Snapshot, timeoutSeconds: Double, mode: String) -> RunResult {
        let during = snapshot.running.map { " while the test '\($0)' was running" } ?? ""
        let limit = timeoutSeconds.rounded() == timeoutSeconds ? "\(Int(timeoutSeconds))" : "\(timeoutSeconds)"
        if !snapshot.accepted {
            return RunResult(
                status: .error,
                message: "The sandbox did not answer within the \(limit) s limit: the container engine may be "
                    + "overloaded or stuck. This is our fault, not your code's: try again in a minute.")
        }
        return RunResult(
            status: .timeout,
            message: "Your program ran out of time: the limit is \(limit) s and it was stopped\(during). "
                + (LearnerMessages.timeoutCauses[mode] ?? ""),
            tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
    }

    private func endedWithoutResult(status: Int32?, stderr: String, snapshot: RunProgress.Snapshot) -> RunResult {
        logger.warning(
            "runner ended without a result",
            metadata: ["status": "\(status.map(String.init) ?? "running")", "stderr": "\(stderr.suffix(500))"])
        if status == 137 {
            return RunResult(
                status: .error,
                message: "The sandbox was stopped because it used more than its \(settings.limits.memoryMB) MB of memory. "
                    + LearnerMessages.memoryAdvice,
                tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
        }
        return RunResult(
            status: .error,
            message: "The sandbox ended without a result (exit status \(status.map(String.init) ?? "unknown")). "
                + "This is likely our fault: try again, and if it keeps happening, tell us.",
            tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
    }
}
