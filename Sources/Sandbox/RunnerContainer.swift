import Course
import Foundation

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
        let child = ChildProcess(executable: settings.docker, arguments: settings.runArguments(name: name, valkey: valkey))
        try child.start()
        let container = RunnerContainer(name: name, valkey: valkey, child: child, settings: settings)
        let ready = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await line in child.lines {
                    if RunnerEvent.parse(line) == .ready { return true }
                }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(settings.limits.startTimeoutSeconds))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard ready else {
            await container.kill()
            let stderr = child.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw StartError(description: stderr.isEmpty ? "the runner container did not become ready" : stderr)
        }
        return container
    }

    /// Hands the payload to the runner; its events follow on `events`.
    public func send(_ payload: Data) {
        child.send(payload + Data("\n".utf8))
    }

    /// The runner's events after `ready`. Finishes when the container's stdout closes.
    public var events: AsyncCompactMapSequence<AsyncStream<Data>, RunnerEvent> {
        child.lines.compactMap { RunnerEvent.parse($0) }
    }

    public var stderr: String { child.stderr }

    public func waitForExit() async -> Int32 { await child.waitForExit() }

    /// Stops the container from outside: killing the `docker run` client would leave it running.
    /// The client exits once Docker has removed the container (`--rm`).
    public func kill() async {
        _ = await runCommand(settings.docker, ["kill", name])
    }
}
