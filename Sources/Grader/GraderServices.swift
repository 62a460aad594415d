import Content
import Logging
import Sandbox

/// The parts of a running grader, shared by every request.
struct GraderServices: Sendable {
    var configuration: GraderConfiguration
    var site: Site
    /// Where runs happen: Docker here; any `SandboxBackend` fits without touching the HTTP layer.
    var sandbox: any SandboxBackend
    var queue: SubmissionQueue
    var rateLimiter: RateLimiter
    var clientRuns: ClientRunLimit
    var metrics: GraderMetrics
    var logger: Logger
}
