import Course
import Foundation
import Logging

/// Runs each submission in a fresh, locked-down Docker container taken from the warm pool,
/// enforces the wall-clock limit from outside with `docker kill`, and turns what the
/// runner reported (or failed to report) into a `RunResult`.
public final class DockerSandbox: SandboxBackend {
    public let settings: DockerSettings
    public let pool: WarmPool
    private let logger: Logger

    public init(settings: DockerSettings, pool: WarmPool.Settings, logger: Logger) {
        self.settings = settings
        self.pool = WarmPool(docker: settings, settings: pool, logger: logger)
        self.logger = logger
    }

    /// Removes containers a previous run of this grader instance left behind, then warms the pool.
    public func start() async {
        await reapOrphans(keeping: [])
        await pool.start()
    }

    public func run(
        _ submission: Submission, timeoutSeconds: Double,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> RunResult {
        let clock = ContinuousClock()
        let began = clock.now
        var (result, lostContainer) = await runOnce(submission, timeoutSeconds: timeoutSeconds, onEvent: onEvent)
        if lostContainer {
            // A warm container that died while idle (an engine restart, a manual `docker rm`)
            // never saw the code: running it again in a fresh one is safe.
            logger.warning("runner container vanished before answering; retrying once")
            (result, _) = await runOnce(submission, timeoutSeconds: timeoutSeconds, onEvent: onEvent)
        }
        result.durationMs = Int((clock.now - began) / .milliseconds(1))
        return result
    }

    /// One attempt; `lostContainer` is true when the container ended without saying anything.
    private func runOnce(
        _ submission: Submission, timeoutSeconds: Double,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> (result: RunResult, lostContainer: Bool) {
        let container: RunnerContainer
        do {
            container = try await pool.take(submission.valkey)
        } catch {
            logger.error("sandbox start failed", metadata: ["error": "\(error)"])
            let result = RunResult(
                status: .error,
                message: "The sandbox could not start (\(error)). This is our fault, not your code's: try again in a moment.")
            return (result, false)
        }
        defer { Task { await pool.finished(container) } }

        let payload = RunnerPayload(submission: submission, timeoutSeconds: timeoutSeconds)
        container.send((try? JSONEncoder.api.encode(payload)) ?? Data())

        let progress = RunProgress()
        let outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                for await event in container.events {
                    progress.record(event)
                    await onEvent(event)
                    if case .result(let result) = event { return .finished(result) }
                }
                return .ended
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeoutSeconds + self.settings.limits.killGraceSeconds))
                return .deadline
            }
            let first = await group.next() ?? .ended
            group.cancelAll()
            return first
        }

        switch outcome {
        case .finished(let reported):
            return (reported, false)
        case .deadline:
            await container.kill()
            return (timeoutResult(progress: progress, timeoutSeconds: timeoutSeconds), false)
        case .ended:
            let status = await container.waitForExit()
            // Killed before saying a word: removed from outside, or (rarely) the runner itself
            // out of memory; a second attempt tells the two apart.
            return (endedWithoutResult(status: status, stderr: container.stderr, progress: progress), !progress.sawEvent)
        }
    }

    public func health() async -> SandboxHealth {
        let probe = await runCommand(settings.docker, ["image", "inspect", "--format", "{{.Id}}", settings.image])
        let sizes = await pool.sizes
        if probe.status == 0 {
            return SandboxHealth(available: true, detail: "Docker is reachable and image \(settings.image) is present.", pool: sizes)
        }
        let reason = probe.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        return SandboxHealth(available: false, detail: "Docker or the runner image is not available: \(reason)", pool: sizes)
    }

    public func shutdown() async {
        await pool.shutdown()
        await reapOrphans(keeping: [])
    }

    /// Removes this instance's containers that nobody is using (left by a crash, or by a lost kill).
    public func reapOrphans(keeping live: Set<String>) async {
        let listing = await runCommand(
            settings.docker,
            ["ps", "-a", "--filter", "label=\(DockerSettings.labelKey)=\(settings.instance)", "--format", "{{.Names}}"])
        let orphans = listing.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !live.contains($0) }
        guard !orphans.isEmpty else { return }
        logger.info("reaping orphaned containers", metadata: ["count": "\(orphans.count)"])
        _ = await runCommand(settings.docker, ["rm", "-f"] + orphans)
    }

    private enum Outcome: Sendable {
        case finished(RunResult)
        case deadline
        case ended
    }

    private func timeoutResult(progress: RunProgress, timeoutSeconds: Double) -> RunResult {
        let snapshot = progress.snapshot
        let during = snapshot.running.map { " while the test '\($0)' was running" } ?? ""
        let limit = timeoutSeconds.rounded() == timeoutSeconds ? "\(Int(timeoutSeconds))" : "\(timeoutSeconds)"
        return RunResult(
            status: .timeout,
            message: "Your program ran out of time: the limit is \(limit) s and it was stopped\(during). "
                + "Common causes: an infinite loop, a read that waits for data the test never sends, "
                + "or serving one client and never getting back to accept().",
            tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
    }

    private func endedWithoutResult(status: Int32, stderr: String, progress: RunProgress) -> RunResult {
        let snapshot = progress.snapshot
        if status == 137 {
            return RunResult(
                status: .error,
                message: "The sandbox was stopped because it used more than its \(settings.limits.memoryMB) MB of memory. "
                    + "Look for data that grows without bound (a list appended to in a loop, a whole stream read into memory).",
                tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
        }
        logger.error("runner ended without a result", metadata: ["status": "\(status)", "stderr": "\(stderr.suffix(500))"])
        return RunResult(
            status: .error,
            message: "The sandbox ended without a result (exit status \(status)). This is likely our fault: try again, "
                + "and if it keeps happening, tell us.",
            tests: snapshot.tests, stdout: snapshot.stdout, stderr: snapshot.stderr)
    }
}

/// What the runner has reported so far, kept so that a run cut short still shows its finished tests.
public final class RunProgress: @unchecked Sendable {
    public struct Snapshot {
        var tests: [TestResult] = []
        var running: String?
        var stdout = ""
        var stderr = ""
    }

    private let lock = NSLock()
    private var state = Snapshot()
    private var eventCount = 0
    private static let outputCap = 64 << 10

    public func record(_ event: RunnerEvent) {
        lock.withLock {
            eventCount += 1
            switch event {
            case .testStarted(_, let name):
                state.running = name
            case .testEnded(let test):
                state.tests.append(test)
                state.running = nil
            case .output(let stream, let text):
                if stream == "stderr" {
                    if state.stderr.utf8.count < Self.outputCap { state.stderr += text }
                } else if state.stdout.utf8.count < Self.outputCap {
                    state.stdout += text
                }
            case .ready, .result:
                break
            }
        }
    }

    public var snapshot: Snapshot { lock.withLock { state } }

    /// Whether the runner reported anything after `ready`.
    public var sawEvent: Bool { lock.withLock { eventCount > 0 } }
}
