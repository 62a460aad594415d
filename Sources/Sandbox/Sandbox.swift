import Course
import Foundation

/// Where submissions run. Docker here; a Kubernetes or gVisor backend can conform without touching HTTP.
public protocol SandboxBackend: Sendable {
    /// Runs one submission to completion (or its limit) and reports each runner event as it happens.
    func run(
        _ submission: Submission, timeoutSeconds: Double,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> RunResult

    func health() async -> SandboxHealth

    /// Removes every container this sandbox started.
    func shutdown() async
}

/// What `GET /api/health` reports about the sandbox.
public struct SandboxHealth: Sendable, Codable, Equatable {
    public var available: Bool
    public var detail: String
    /// Idle warm containers per Valkey profile.
    public var pool: [String: Int]

    public init(available: Bool, detail: String, pool: [String: Int]) {
        self.available = available
        self.detail = detail
        self.pool = pool
    }
}

/// Resource limits of every runner container (the flags of DESIGN.md).
public struct SandboxLimits: Sendable, Equatable {
    public var memoryMB = 128
    public var cpus = 0.5
    public var pids = 64
    public var tmpfsMB = 64
    public var user = "1000:1000"
    /// Time allowed beyond a step's limit before the container is killed from outside:
    /// the runner reports its own timeout first, with the name of the running test.
    public var killGraceSeconds = 2.0
    /// How long a container may take to print `ready`.
    public var startTimeoutSeconds = 30.0

    public init() {}
}

/// Where and how runner containers are started.
public struct DockerSettings: Sendable {
    public var docker = "docker"
    public var image = "codealong-runner:latest"
    /// Value of the `codealong.grader` label on every container this grader starts; reaping goes by it.
    public var instance = "default"
    public var limits = SandboxLimits()

    public static let labelKey = "codealong.grader"

    public init() {}

    /// The `docker run` arguments for one container, with every sandbox flag.
    public func runArguments(name: String, valkey: ValkeyMode) -> [String] {
        [
            "run", "-i", "--rm",
            "--pull", "never",
            "--name", name,
            "--label", "\(Self.labelKey)=\(instance)",
            "--network", "none",
            "--read-only",
            "--tmpfs", "/tmp:rw,exec,nosuid,nodev,size=\(limits.tmpfsMB)m",
            "--memory", "\(limits.memoryMB)m",
            "--memory-swap", "\(limits.memoryMB)m",
            "--cpus", String(limits.cpus),
            "--pids-limit", String(limits.pids),
            "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges",
            "--user", limits.user,
            "--env", "CODEALONG_VALKEY=\(valkey.rawValue)",
            "--env", "CODEALONG_MEMORY_MB=\(limits.memoryMB)",
            image,
        ]
    }
}
