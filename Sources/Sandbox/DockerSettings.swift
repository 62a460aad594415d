import Content
import Foundation

/// Where and how runner containers are started.
public struct DockerSettings: Sendable {
    public var docker = "docker"
    public var image = "codealong-runner:latest"
    /// Value of the `codealong.grader` label on every container this grader starts; reaping
    /// goes by it, so it must be unique among the graders sharing one Docker engine.
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
            // The runner's stdout reaches the grader through `docker run -i`; a log copy of it
            // would only fill the host's disk.
            "--log-driver", "none",
            "--network", "none",
            "--read-only",
            "--tmpfs", "/tmp:rw,exec,nosuid,nodev,size=\(limits.tmpfsMB)m",
            "--shm-size", "\(limits.shmMB)m",
            "--memory", "\(limits.memoryMB)m",
            "--memory-swap", "\(limits.memoryMB)m",
            "--cpus", String(limits.cpus),
            "--pids-limit", String(limits.pids),
            "--ulimit", "nofile=\(limits.openFiles):\(limits.openFiles)",
            "--cap-drop", "ALL",
        ] + limits.capabilities.flatMap { ["--cap-add", $0] } + [
            "--security-opt", "no-new-privileges",
            "--user", limits.user,
            "--env", "CODEALONG_VALKEY=\(valkey.rawValue)",
            "--env", "CODEALONG_MEMORY_MB=\(limits.memoryMB)",
            image,
        ]
    }
}
