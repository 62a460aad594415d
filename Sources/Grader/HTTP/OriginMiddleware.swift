import Hummingbird

/// Lets only the course site make a visitor's browser use the API: a request whose `Origin`
/// is neither the grader's own (same host) nor one of `allowedOrigins` gets 403, so another
/// site cannot spend its visitors' browsers on runs. Requests without `Origin` (curl, other
/// servers) are not a browser acting for a visitor and pass. An allowed cross-origin request
/// gets CORS headers naming its own origin (`Vary: Origin`), errors included.
struct OriginMiddleware: RouterMiddleware {
    typealias Context = GraderRequestContext
    /// Origins besides the grader's own, as `scheme://host[:port]`.
    let allowedOrigins: [String]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/"), let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let crossOrigin = allowedOrigins.contains(origin)
        guard crossOrigin || Self.isSameOrigin(origin, host: request.head.authority) else {
            throw APIError.originNotAllowed(origin)
        }
        guard crossOrigin else { return try await next(request, context) }
        if request.method == .options {
            var response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Accept, Content-Type"
            response.headers[.accessControlMaxAge] = "600"
            return Self.allowing(origin, response)
        }
        do {
            return Self.allowing(origin, try await next(request, context))
        } catch let error as any HTTPResponseError {
            return Self.allowing(origin, try error.response(from: request, context: context))
        }
    }

    private static func allowing(_ origin: String, _ response: Response) -> Response {
        var response = response
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "Retry-After"
        response.headers[values: .vary].append("Origin")
        return response
    }

    /// `http://localhost:8080` against `Host: localhost:8080`. The scheme is not compared: a
    /// proxy in front may end TLS, and no other site can send this host as its origin.
    static func isSameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let separator = origin.range(of: "://") else { return false }
        return origin[separator.upperBound...].lowercased() == host.lowercased()
    }
}
