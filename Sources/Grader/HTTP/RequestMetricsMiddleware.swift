import Hummingbird

/// Counts every API response by route and status, including errors thrown as `HTTPResponseError`.
/// The label is the route that matched (`/api/run-code`), never the raw path: a client
/// inventing paths must not invent new series.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = GraderRequestContext
    let metrics: GraderMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Only the API: static files would bloat the label set with one series per page.
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            metrics.recordRequest(path: Self.label(context), status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            metrics.recordRequest(path: Self.label(context), status: error.status.code)
            throw error
        }
    }

    /// The matched route, if it is one of ours; `other` for the catch-all and everything else.
    static func label(_ context: Context) -> String {
        guard let route = context.endpointPath, knownRoutes.contains(route) else { return "other" }
        return route
    }

    static let knownRoutes: Set<String> = ["/api/run-code", "/api/health"]
}
