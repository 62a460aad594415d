import Foundation
import Hummingbird

/// Serves the output folder for `sitegen serve`: `…/` as `…/index.html`, HTML with the live-reload script
/// added, nothing cached by the browser; unknown paths get `404.html`, or the build error while nothing has built.
struct PreviewFiles<Context: RequestContext>: RouterMiddleware {
    let directory: URL
    let session: PreviewSession

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/__sitegen/") else {
            return try await next(request, context)
        }
        let status = await session.broadcaster.status
        let root = await session.root
        if !root.isEmpty, request.uri.path == "/" {
            // The site lives below `base_url`'s path; start the author there.
            return Response(status: .found, headers: [.location: root + "/"])
        }
        guard let sitePath = PreviewPath.sitePath(request.uri.path, root: root) else {
            return try await notFound(status: status)
        }
        let url = directory.appendingPathComponent(sitePath)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard sitePath.isEmpty || sitePath.hasSuffix("/") else {
                return Response(status: .movedPermanently, headers: [.location: request.uri.path + "/"])
            }
            if let page = try await file(url.appendingPathComponent("index.html"), status: status) { return page }
            return try await notFound(status: status)
        }
        if let found = try await file(url, status: status) { return found }
        return try await notFound(status: status)
    }

    private func file(_ url: URL, status: BuildStatus, code: HTTPResponse.Status = .ok) async throws -> Response? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let type = Self.contentType(of: url.pathExtension)
        var body = data
        if url.pathExtension == "html" {
            body = Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self), buildID: status.id).utf8)
        }
        return Response(
            status: code, headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func notFound(status: BuildStatus) async throws -> Response {
        if status.error != nil,
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.html").path)
        {
            let page = LiveReload.errorPage(status.error ?? "", buildID: status.id)
            return Response(
                status: .internalServerError,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        if let page = try await file(directory.appendingPathComponent("404.html"), status: status, code: .notFound) {
            return page
        }
        return Response(status: .notFound, body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// Maps request paths of the preview server into its output folder.
enum PreviewPath {
    /// The request path below the output folder, percent-decoded, without the site's root; `nil` when it
    /// is outside the site or tries to climb out of the folder.
    static func sitePath(_ requestPath: String, root: String) -> String? {
        var path = requestPath.removingPercentEncoding ?? requestPath
        if !root.isEmpty {
            guard path == root || path.hasPrefix(root + "/") else { return nil }
            path = String(path.dropFirst(root.count))
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return nil }
        let joined = segments.joined(separator: "/")
        return path.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }
}
