import Hummingbird

/// Answers a known API path asked with a method it does not take with 405 and `Allow`,
/// instead of the router's 404 (which would say the path does not exist).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = GraderRequestContext
    let allowed: [String: [HTTPRequest.Method]]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let methods = allowed[request.uri.path], !methods.contains(request.method),
            request.method != .options || request.headers[.origin] == nil  // CORS preflight: OriginMiddleware's
        else { return try await next(request, context) }
        throw APIError.methodNotAllowed(request.method, allowed: methods)
    }
}
