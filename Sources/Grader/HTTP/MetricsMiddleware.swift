import Hummingbird

/// Counts every API response by status, including errors thrown as `HTTPResponseError`.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = GraderRequestContext
    let metrics: GraderMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        // Only the API: static files would bloat the label set with one series per page.
        guard path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            metrics.recordRequest(path: path, status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            metrics.recordRequest(path: Self.knownPaths.contains(path) ? path : "other", status: error.status.code)
            throw error
        }
    }

    static let knownPaths: Set<String> = ["/api/run-code", "/api/health"]
}
