import Foundation
import Hummingbird
import Sandbox

/// An API failure the client can act on; rendered as `{"error": {"code", "message", "field"?, "allowed"?}}`.
struct APIError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    /// Stable machine-readable code, e.g. `invalid_field`.
    var code: String
    var message: String
    var field: String?
    var allowed: [String]?
    var retryAfterSeconds: Int?

    var headers: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        if let retryAfterSeconds { fields[.retryAfter] = String(retryAfterSeconds) }
        return fields
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The JSON body, also used by the streaming endpoint's `error` event.
    var body: Data {
        struct Envelope: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var field: String?
                var allowed: [String]?
            }
            var error: Detail
        }
        let envelope = Envelope(error: .init(code: code, message: message, field: field, allowed: allowed))
        return (try? JSONEncoder.api.encode(envelope)) ?? Data()
    }

    static func invalidField(_ field: String, _ message: String, allowed: [String]? = nil) -> APIError {
        APIError(status: .badRequest, code: "invalid_field", message: message, field: field, allowed: allowed)
    }

    static func missingField(_ field: String, _ message: String, allowed: [String]? = nil) -> APIError {
        APIError(status: .badRequest, code: "missing_field", message: message, field: field, allowed: allowed)
    }

    static func malformed(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "malformed_json", message: message)
    }

    static func unknownLesson(_ lesson: String) -> APIError {
        APIError(
            status: .notFound, code: "unknown_lesson",
            message: "There is no lesson '\(lesson)'. Lesson ids look like 'build-your-own-valkey/02-ping'.",
            field: "lesson")
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            status: .contentTooLarge, code: "body_too_large",
            message: "The request body is larger than \(limit / 1024) KiB. Send less code.")
    }

    static func notFound(_ path: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "No API endpoint at \(path).")
    }
}
