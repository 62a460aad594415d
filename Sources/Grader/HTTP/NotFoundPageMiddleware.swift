import Foundation
import Hummingbird

/// Answers site paths that match no file with the site's own `404.html` (status 404), as a
/// static host would; API paths keep their JSON errors.
struct NotFoundPageMiddleware: RouterMiddleware {
    typealias Context = GraderRequestContext
    let page: ByteBuffer

    init?(publicDirectory: String) {
        guard let data = FileManager.default.contents(atPath: publicDirectory + "/404.html") else { return nil }
        page = ByteBuffer(bytes: data)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError
            where error.status == .notFound && !request.uri.path.hasPrefix("/api/") && request.method == .get
        {
            return Response(
                status: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: page))
        }
    }
}
