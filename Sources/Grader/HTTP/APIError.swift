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
    /// For 405: the methods the path takes.
    var allowMethods: [HTTPRequest.Method]?

    var headers: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        if let retryAfterSeconds { fields[.retryAfter] = String(retryAfterSeconds) }
        if let allowMethods { fields[.allow] = allowMethods.map(\.rawValue).joined(separator: ", ") }
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
        return (try? JSONEncoder.stable.encode(envelope)) ?? Data()
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

    static func unsupportedMediaType(_ given: String?) -> APIError {
        APIError(
            status: .unsupportedMediaType, code: "unsupported_media_type",
            message: "Send the request body as JSON with the header 'Content-Type: application/json'"
                + (given.map { " (this request said '\($0)')" } ?? " (this request had none)") + ".",
            field: "Content-Type", allowed: ["application/json"])
    }

    static func bodyTimeout(seconds: Int) -> APIError {
        APIError(
            status: .requestTimeout, code: "body_timeout",
            message: "The request body did not arrive within \(seconds) s. Send it in one go and try again.")
    }

    static func originNotAllowed(_ origin: String) -> APIError {
        APIError(
            status: .forbidden, code: "origin_not_allowed",
            message: "Pages from \(origin) may not run code here: only the course site itself (or an origin the grader "
                + "is configured to allow) can.", field: "Origin")
    }

    static func sandboxUnavailable(_ detail: String) -> APIError {
        APIError(
            status: .serviceUnavailable, code: "sandbox_unavailable",
            message: "Code cannot run right now: the sandbox is unavailable (\(detail)). Your code is safe in the editor; "
                + "try again in a minute.", retryAfterSeconds: 30)
    }

    static func tooManyRuns(limit: Int) -> APIError {
        APIError(
            status: .tooManyRequests, code: "too_many_runs",
            message: "You already have \(limit) runs in progress: wait for one to finish, then run again.",
            retryAfterSeconds: 2)
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        var error = APIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(method.rawValue) is not supported here; use \(allowed.map(\.rawValue).joined(separator: " or ")).",
            allowed: allowed.map(\.rawValue))
        error.allowMethods = allowed
        return error
    }

    static func notFound(_ path: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "No API endpoint at \(path).")
    }
}
