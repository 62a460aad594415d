import Content
import Foundation
import Sandbox

/// Everything the grader can be told by flags or environment, with production defaults.
struct GraderConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// The built site to serve beside the API; `nil` serves the API only.
    var publicDirectory: String? = "public"
    var docker = DockerSettings()
    var pool = WarmPool.Settings()
    /// Runs at once; the machine's core count by default.
    var concurrency = ProcessInfo.processInfo.activeProcessorCount
    /// Submissions allowed to wait for a slot before new ones get 429.
    var queueCapacity = 32
    var maxBodyBytes = 64 * 1024
    /// Submissions per client per minute; 0 turns the limit off.
    var rateLimitPerMinute = 60
    /// Wall-clock limit for playground runs (steps set their own).
    var runTimeoutSeconds = Double(Step.defaultTimeoutSeconds)
    /// Origins allowed to post from another site (`grader_url` deployments); empty: same origin only.
    var corsOrigins: [String] = []
    /// Proxies whose `X-Forwarded-For` names the client; empty: the peer is the client.
    var trustedProxies: [IPRange] = []
    /// Runs one client may have waiting or running at once (0: no limit).
    var maxRunsPerClient = 4
    /// How long a request body may take to arrive.
    var bodyTimeout: Duration = .seconds(10)
    /// A connection with nothing to read for this long is closed.
    var idleTimeout: Duration = .seconds(60)
    /// Unsent bytes a slow event-stream client may fall behind before progress events are dropped.
    var maxEventBacklogBytes = 1 << 20
    /// How often orphaned containers are reaped and idle pool containers recycled.
    var maintenanceInterval: Duration = .seconds(60)
}
