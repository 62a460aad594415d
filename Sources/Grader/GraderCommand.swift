import ArgumentParser
import Content
import Foundation
import Sandbox
import Hummingbird
import Logging

/// `grader`: serves `POST /api/run-code` (and, optionally, the built site) on one port.
@main
struct GraderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grader",
        abstract: "Runs learners' code in Docker and grades it against the course's tests.",
        discussion: "Every option can also be set by an environment variable: GRADER_<OPTION> (e.g. GRADER_PORT=9000).")

    // Defaults come from `GraderConfiguration` (and the types it holds): one place for each.
    private static let defaults = GraderConfiguration()

    @Option(help: "Address to listen on.") var host = env("HOST") ?? defaults.host
    @Option(help: "Port to listen on.") var port = env("PORT").flatMap(Int.init) ?? defaults.port
    @Option(help: "The content folder (steps' tests and limits come from here).") var content = env("CONTENT") ?? "content"
    @Option(help: "The built site to serve beside the API; empty serves the API only.") var `public` = env("PUBLIC") ?? defaults.publicDirectory ?? ""
    @Option(help: "Runner image.") var image = env("IMAGE") ?? defaults.docker.image
    @Option(help: "Label value naming this grader's containers; orphans with it are reaped.") var instance = env("INSTANCE") ?? defaults.docker.instance
    @Option(help: "Runs at once (default: the number of cores).") var concurrency = env("CONCURRENCY").flatMap(Int.init) ?? defaults.concurrency
    @Option(help: "Submissions that may wait for a slot before new ones get 429.") var queueSize = env("QUEUE_SIZE").flatMap(Int.init) ?? defaults.queueCapacity
    @Option(help: "Submissions per client per minute (0: no limit).") var rateLimit = env("RATE_LIMIT").flatMap(Int.init) ?? defaults.rateLimitPerMinute
    @Option(help: "Warm containers per Valkey profile, e.g. none=2,standalone=1,cluster=1 (0 disables the pool).") var pool = env("POOL") ?? Self.poolText(defaults.pool.sizes)
    @Option(help: "Origins allowed to post from other sites, comma-separated (scheme://host[:port]).") var corsOrigins = env("CORS_ORIGINS") ?? ""
    @Option(help: "Proxies whose X-Forwarded-For names the client: addresses or CIDR blocks, comma-separated.") var trustedProxies = env("TRUSTED_PROXIES") ?? ""
    @Option(help: "Runs one client may have waiting or running at once (0: no limit).") var runsPerClient = env("RUNS_PER_CLIENT").flatMap(Int.init) ?? defaults.maxRunsPerClient
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = env("LOG_LEVEL") ?? "info"

    func run() async throws {
        LoggingSystem.bootstrap(JSONLogHandler.init)
        var logger = Logger(label: "codealong.grader")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let site: Site
        do {
            site = try ContentLoader.load(from: URL(fileURLWithPath: content))
        } catch {
            throw ValidationError("The content in '\(content)' has problems:\n\(error)")
        }

        var configuration = GraderConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.publicDirectory = `public`.isEmpty ? nil : `public`
        configuration.docker.image = image
        configuration.docker.instance = instance
        configuration.concurrency = concurrency
        configuration.queueCapacity = queueSize
        configuration.rateLimitPerMinute = rateLimit
        configuration.pool.sizes = try Self.poolSizes(pool)
        configuration.corsOrigins = corsOrigins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        configuration.trustedProxies = try trustedProxies.split(separator: ",").map {
            let text = $0.trimmingCharacters(in: .whitespaces)
            guard let range = IPRange(text) else {
                throw ValidationError("--trusted-proxies: '\(text)' is not an IP address or CIDR block (such as 10.0.0.0/8 or ::1).")
            }
            return range
        }
        configuration.maxRunsPerClient = runsPerClient

        let services = GraderServices(
            configuration: configuration, site: site,
            sandbox: DockerSandbox(settings: configuration.docker, pool: configuration.pool, logger: logger),
            queue: SubmissionQueue(concurrency: configuration.concurrency, capacity: configuration.queueCapacity),
            rateLimiter: RateLimiter(perMinute: configuration.rateLimitPerMinute),
            clientRuns: ClientRunLimit(perClient: configuration.maxRunsPerClient),
            metrics: GraderMetrics(), logger: logger)
        try await buildApplication(services).runService()
    }

    /// `none=2,standalone=1,cluster=1`, in profile order: the form `--pool` takes.
    static func poolText(_ sizes: [ValkeyMode: Int]) -> String {
        ValkeyMode.allCases.compactMap { mode in sizes[mode].map { "\(mode.rawValue)=\($0)" } }.joined(separator: ",")
    }

    /// Parses `none=2,standalone=1`; a bare number sets every profile.
    static func poolSizes(_ text: String) throws -> [ValkeyMode: Int] {
        if let all = Int(text) { return Dictionary(uniqueKeysWithValues: ValkeyMode.allCases.map { ($0, all) }) }
        var sizes: [ValkeyMode: Int] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let mode = ValkeyMode(rawValue: pair[0]), let size = Int(pair[1]), size >= 0 else {
                let allowed = ValkeyMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--pool: '\(part)' is not PROFILE=SIZE with PROFILE one of \(allowed).")
            }
            sizes[mode] = size
        }
        return sizes
    }
}

private func env(_ name: String) -> String? {
    ProcessInfo.processInfo.environment["GRADER_\(name)"]
}
