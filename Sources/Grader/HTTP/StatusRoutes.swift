import Hummingbird
import Sandbox

/// `GET /api/health` (whether runs can start; cheap, see `HealthCache`) and `GET /metrics`.
struct StatusRoutes: Sendable {
    let services: GraderServices

    func register(on router: Router<GraderRequestContext>) {
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
                pool: await services.sandbox.health().pool)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

/// `GET /api/health`'s body.
struct HealthReport: Codable, Sendable {
    var status: String
    var docker: SandboxHealth
    var queueDepth: Int
    var running: Int
}
