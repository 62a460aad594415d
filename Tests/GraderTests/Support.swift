import Content
import Foundation
import Sandbox
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Grader

/// The repository's root folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The real content tree, loaded once.
let realSite: Site = {
    do {
        return try ContentLoader.load(from: repositoryRoot.appendingPathComponent("content"))
    } catch {
        fatalError("content/ does not load: \(error)")
    }
}()

/// A grader wired to the real Docker engine, under a label of its own so the test can
/// check that nothing of it is left behind.
func makeServices(
    pool: [ValkeyMode: Int] = [:], runTimeout: Double = 10, concurrency: Int = 2, queue: Int = 32,
    rateLimit: Int = 0, runsPerClient: Int = 0, instance: String = "test-\(UUID().uuidString.prefix(8).lowercased())"
) -> GraderServices {
    var configuration = GraderConfiguration()
    configuration.port = 0
    configuration.publicDirectory = nil
    configuration.docker.instance = instance
    configuration.pool.sizes = pool
    configuration.pool.prewarm = Set(pool.keys)
    configuration.concurrency = concurrency
    configuration.queueCapacity = queue
    configuration.rateLimitPerMinute = rateLimit
    configuration.maxRunsPerClient = runsPerClient
    configuration.runTimeoutSeconds = runTimeout
    var logger = Logger(label: "grader-test")
    logger.logLevel = .warning
    return GraderServices(
        configuration: configuration, site: realSite,
        sandbox: DockerSandbox(settings: configuration.docker, pool: configuration.pool, logger: logger),
        queue: SubmissionQueue(concurrency: configuration.concurrency, capacity: configuration.queueCapacity),
        rateLimiter: RateLimiter(perMinute: configuration.rateLimitPerMinute),
        clientRuns: ClientRunLimit(perClient: configuration.maxRunsPerClient),
        metrics: GraderMetrics(), logger: logger)
}


extension TestClientProtocol {
    /// Posts a JSON body to the run endpoint.
    func runCode(_ json: String) async throws -> TestResponse {
        try await execute(
            uri: "/api/run-code", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: json))
    }

    func runCode(_ object: [String: String]) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try await runCode(String(decoding: data, as: UTF8.self))
    }
}

extension TestResponse {
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(buffer: body))
    }

    var text: String { String(buffer: body) }
}

/// A file of the real content, e.g. `solution("02-ping")`.
func contentFile(_ step: String, _ kind: String, _ language: String = "python", _ file: String = "main.py") throws -> String {
    let url = repositoryRoot.appendingPathComponent(
        "content/courses/build-your-own-valkey/\(step)/\(kind)/\(language)/\(file)")
    return try String(contentsOf: url, encoding: .utf8)
}

extension GraderServices {
    /// The Docker backend these tests wire in, for the tests that look at its pool.
    var dockerSandbox: DockerSandbox { sandbox as! DockerSandbox }
}
