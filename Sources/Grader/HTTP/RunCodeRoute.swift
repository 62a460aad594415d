import Course
import Foundation
import Sandbox
import Hummingbird
import Logging
import NIOCore

/// `POST /api/run-code`: validate, admit (rate limit, queue), run in the sandbox, answer with
/// the result — as one JSON body, or as Server-Sent Events when the client accepts them.
struct RunCodeRoute: Sendable {
    let services: GraderServices

    func register(on router: Router<GraderRequestContext>) {
        router.post("/api/run-code") { request, context in
            try await handle(request, context: context)
        }
    }

    func handle(_ request: Request, context: GraderRequestContext) async throws -> Response {
        let submission = try await validatedSubmission(request)
        if let wait = await services.rateLimiter.admit(context.clientKey) {
            throw APIError(
                status: .tooManyRequests, code: "rate_limited",
                message: "Too many runs from your address: wait \(wait) s and try again.", retryAfterSeconds: wait)
        }
        let ticket: SubmissionQueue.Ticket
        do {
            ticket = try await services.queue.admit()
        } catch {
            throw APIError(
                status: .tooManyRequests, code: "queue_full",
                message: "Every sandbox is busy and the queue is full: try again in \(error.retryAfterSeconds) s.",
                retryAfterSeconds: error.retryAfterSeconds)
        }
        let client = context.clientKey
        if request.headers[.accept]?.contains("text/event-stream") == true {
            return streamingResponse(submission, ticket: ticket, client: client)
        }
        let result = await run(submission, ticket: ticket, client: client) { _ in }
        return try jsonResponse(result)
    }

    /// Waits for the ticket's turn, runs, records and logs; the slot is freed whatever happens.
    private func run(
        _ submission: Submission, ticket: SubmissionQueue.Ticket, client: String,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> RunResult {
        await ticket.waitForTurn()
        let timeout = submission.lesson.map { Double($0.step.timeoutSeconds) } ?? services.configuration.runTimeoutSeconds
        let result = await services.sandbox.run(submission, timeoutSeconds: timeout, onEvent: onEvent)
        await services.queue.record(.milliseconds(result.durationMs))
        await ticket.leave()
        services.metrics.recordRun(result, mode: submission.mode.rawValue)
        log(submission, result: result, client: client)
        return result
    }

    /// Server-Sent Events: `queued`, then `test-start`/`test-end` and `output` as they happen, then `result`.
    private func streamingResponse(_ submission: Submission, ticket: SubmissionQueue.Ticket, client: String) -> Response {
        let (events, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .unbounded)
        if ticket.position > 0 {
            continuation.yield(ServerSentEvent.buffer("queued", ["position": ticket.position]))
        }
        let route = self
        Task {
            let result = await route.run(submission, ticket: ticket, client: client) { event in
                if let buffer = ServerSentEvent.buffer(for: event) { continuation.yield(buffer) }
            }
            continuation.yield(ServerSentEvent.buffer("result", result))
            continuation.finish()
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody(asyncSequence: events))
    }

    private func validatedSubmission(_ request: Request) async throws -> Submission {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: services.configuration.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: services.configuration.maxBodyBytes)
        }
        return try RunRequestValidator(site: services.site).validate(Data(buffer: body))
    }

    private func log(_ submission: Submission, result: RunResult, client: String) {
        services.logger.info(
            "run",
            metadata: [
                "lesson": "\(submission.lesson?.step.lessonID ?? "-")",
                "language": "\(submission.language.id)",
                "mode": "\(submission.mode.rawValue)",
                "valkey": "\(submission.valkey.rawValue)",
                "status": "\(result.status.rawValue)",
                "tests": "\(result.tests.count)",
                "durationMs": "\(result.durationMs)",
                "client": "\(client)",
            ])
    }
}

/// Encodes runner events as Server-Sent Events (`event:` name, one JSON `data:` line).
enum ServerSentEvent {
    static func buffer(_ name: String, _ value: some Encodable) -> ByteBuffer {
        let json = (try? JSONEncoder.api.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: \(name)\ndata: \(json)\n\n")
    }

    static func buffer(for event: RunnerEvent) -> ByteBuffer? {
        switch event {
        case .ready, .result:
            // `result` is sent by the route after timing and limits are applied.
            return nil
        case .testStarted(let step, let name):
            return buffer("test-start", ["step": step ?? "", "name": name])
        case .testEnded(let test):
            return buffer("test-end", test)
        case .output(let stream, let text):
            return buffer("output", ["stream": stream, "text": text])
        }
    }
}
