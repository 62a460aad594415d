import Hummingbird

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
    StatusRoutes(services: services).register(on: router)
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
