/// Resource limits of every runner container, and bounds on what the grader accepts from one
/// (docs/SECURITY.md gives the measurements behind each value).
public struct SandboxLimits: Sendable, Equatable {
    public var memoryMB = 128
    /// One core: at 0.5 a Node server took 308 ms to start listening instead of 134 ms, an
    /// asyncio one 147 ms instead of 101 (CFS throttling of start-up bursts; a finer CFS period
    /// made it worse), measured in docs/PERFORMANCE.md. With the grader's default of as many
    /// runs at once as cores, runs together still cannot take more than the machine.
    public var cpus = 1.0
    /// Processes and threads in the container. The learner's programs may use at most
    /// `runner/codealong_runner/launcher.py`'s LEARNER_NPROC (64) of them; the runner and a
    /// six-node cluster need about 40, measured.
    public var pids = 128
    public var tmpfsMB = 64
    public var shmMB = 8
    public var openFiles = 1024
    /// The container starts as root with only `capabilities`: the runner forks its launcher
    /// and drops to uid 1000 before reading anything; the launcher starts each learner
    /// program under a uid of its own (docs/SECURITY.md).
    public var user = "0:0"
    public var capabilities = ["SETUID", "SETGID"]
    /// Time allowed beyond a step's limit before the container is killed from outside:
    /// the runner reports its own timeout first, with the name of the running test.
    public var killGraceSeconds = 2.0
    /// How long a container may take to print `ready`.
    public var startTimeoutSeconds = 30.0
    /// How long one short `docker` command (`kill`, `ps`, `rm`, `image inspect`) may take.
    public var dockerCommandTimeout: Duration = .seconds(10)

    /// The most the grader reads from one run's stream; a run past any of them is stopped
    /// and answered `error` saying which. Far above what the runner writes (its output and
    /// transcripts are capped), so only a broken or subverted runner reaches them.
    public var maxEvents = 10_000
    public var maxTests = 2_000
    public var maxLineBytes = 4 << 20
    public var maxStreamBytes = 32 << 20

    public init() {}
}
