import Content
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One started runner container, blocked on stdin with its imports done (and its Valkey up).
/// Used for exactly one submission, then gone.
public final class RunnerContainer: @unchecked Sendable {
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let name: String
    public let valkey: ValkeyMode
    public let startedAt: ContinuousClock.Instant
    private let child: ChildProcess
    private let settings: DockerSettings

    private init(name: String, valkey: ValkeyMode, child: ChildProcess, settings: DockerSettings) {
        self.name = name
        self.valkey = valkey
        self.child = child
        self.settings = settings
        self.startedAt = .now
    }

    public static func newName(instance: String) -> String {
        "codealong-\(instance)-\(UUID().uuidString.lowercased().prefix(12))"
    }

    /// Starts a container and waits for its runner to print `ready`.
    public static func start(name: String, valkey: ValkeyMode, settings: DockerSettings) async throws -> RunnerContainer {
        var limits = ChildProcess.Limits()
        limits.maxLineBytes = settings.limits.maxLineBytes
        limits.maxStdoutBytes = settings.limits.maxStreamBytes
        let child = ChildProcess(executable: settings.docker, arguments: settings.runArguments(name: name, valkey: valkey), limits: limits)
        try child.start()
        let container = RunnerContainer(name: name, valkey: valkey, child: child, settings: settings)
        let ready = await firstOf(
            {
                for await line in child.lines {
                    if RunnerLine.parse(line, key: nil) == .event(.ready) { return true }
                }
                return false
            },
            { try? await Task.sleep(for: .seconds(settings.limits.startTimeoutSeconds)); return false })
        guard ready else {
            // Not awaited: with a hung engine even the kill hangs, and the caller is waiting.
            Task { await container.stop() }
            let stderr = child.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw StartError(description: stderr.isEmpty ? "the runner container did not become ready" : stderr)
        }
        return container
    }

    /// Hands the payload to the runner; its lines follow on `lines`.
    public func send(_ payload: Data) {
        child.send(payload + Data("\n".utf8))
    }

    /// The runner's stdout after `ready`, one line at a time. Finishes when the container's
    /// stdout closes, or early when it passes a limit (`overflow` says which).
    public var lines: AsyncStream<Data> { child.lines }

    public var overflow: ChildProcess.Overflow? { child.overflow }

    public var stderr: String { child.stderr }

    public var hasExited: Bool { child.hasExited }

    public func waitForExit() async -> Int32 { await child.waitForExit() }

    /// The `docker run` client's exit status, or nil if it is still running after `limit`.
    public func waitForExit(within limit: Duration) async -> Int32? { await child.waitForExit(within: limit) }

    /// Asks Docker to kill the container (killing the `docker run` client alone would leave it
    /// running). Returns false when Docker did not answer in time.
    @discardableResult
    public func kill() async -> Bool {
        let output = await runCommand(settings.docker, ["kill", name], timeout: settings.limits.dockerCommandTimeout)
        return !output.timedOut
    }

    /// Makes sure the container is gone, whatever state Docker is in: waits `patience` for it
    /// to exit by itself, then kills it, and if Docker does not answer (or is known not to,
    /// `engineDown`), stops waiting for Docker and kills the client (the orphan reaper removes
    /// the container once Docker is back).
    public func stop(patience: Duration = .zero, engineDown: Bool = false) async {
        if patience > .zero, await exits(within: patience) { return }
        if child.hasExited { return }
        let killed = engineDown ? false : await kill()
        if killed, await exits(within: .seconds(5)) { return }
        child.signal(SIGKILL)
        _ = await exits(within: .seconds(5))
    }

    private func exits(within limit: Duration) async -> Bool {
        await waitForExit(within: limit) != nil
    }
}
