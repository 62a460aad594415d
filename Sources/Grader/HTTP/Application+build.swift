import Course
import Foundation
import Sandbox
import Hummingbird
import Logging
import ServiceLifecycle

/// The parts of a running grader, shared by every request.
struct GraderServices: Sendable {
    var configuration: GraderConfiguration
    var site: Site
    var sandbox: DockerSandbox
    var queue: SubmissionQueue
    var rateLimiter: RateLimiter
    var clientRuns: ClientRunLimit
    var metrics: GraderMetrics
    var logger: Logger
}

/// Builds the HTTP application: the API, plus the static site when a public folder is given.
func buildApplication(_ services: GraderServices) -> some ApplicationProtocol {
    let configuration = services.configuration
    let router = Router(context: GraderRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: services.metrics))
    router.add(middleware: OriginMiddleware(allowedOrigins: configuration.corsOrigins))
    router.add(middleware: MethodNotAllowedMiddleware(allowed: ["/api/run-code": [.post], "/api/health": [.get], "/metrics": [.get]]))
    if let publicDirectory = configuration.publicDirectory {
        if let notFound = NotFoundPageMiddleware(publicDirectory: publicDirectory) {
            router.add(middleware: notFound)
        }
        router.add(middleware: FileMiddleware(publicDirectory, searchForIndexHtml: true))
    }
    RunCodeRoute(services: services).register(on: router)
    router.get("/api/health") { _, _ -> Response in
        let health = await services.sandbox.health()
        let body = HealthReport(
            status: health.available ? "ok" : "unavailable", docker: health,
            queueDepth: await services.queue.depth, running: await services.queue.active)
        return try jsonResponse(body, status: health.available ? .ok : .serviceUnavailable)
    }
    router.get("/metrics") { _, _ -> Response in
        let text = services.metrics.render(
            queueDepth: await services.queue.depth, running: await services.queue.active,
            pool: await services.sandbox.pool.sizes)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
    // Unknown `/api/...` paths answer in the API's JSON error shape, not with the site's 404 page.
    router.get("/api/**") { request, _ -> Response in throw APIError.notFound(request.uri.path) }
    router.post("/api/**") { request, _ -> Response in throw APIError.notFound(request.uri.path) }

    let idleSeconds = configuration.idleTimeout.components.seconds
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(idleSeconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "codealong-grader"),
        services: [SandboxService(sandbox: services.sandbox, interval: configuration.maintenanceInterval)],
        logger: services.logger)
}

/// `GET /api/health`'s body.
struct HealthReport: Codable, Sendable {
    var status: String
    var docker: SandboxHealth
    var queueDepth: Int
    var running: Int
}

func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try JSONEncoder.api.encode(value)
    return Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// Warms the pool at start-up, reaps orphans and recycles idle containers periodically,
/// and removes every container on shutdown (after the server has finished in-flight runs).
struct SandboxService: Service {
    let sandbox: DockerSandbox
    let interval: Duration

    func run() async throws {
        await sandbox.start()
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await sandbox.pool.maintain()
                await sandbox.reapOrphans(keeping: await sandbox.pool.liveNames)
            }
        }
        await sandbox.shutdown()
    }
}
