import Foundation
import Sandbox

/// Everything the grader can be told by flags or environment, with production defaults.
struct GraderConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    var contentDirectory = "content"
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
    var runTimeoutSeconds = 10.0
    /// Origins allowed to post from another site (`grader_url` deployments); empty: same origin only.
    var corsOrigins: [String] = []
    /// How often orphaned containers are reaped and idle pool containers recycled.
    var maintenanceInterval: Duration = .seconds(60)
}
