import Content
import Foundation
import Sandbox
import Hummingbird
import Logging
import NIOCore

/// `POST /api/run-code`: validate, admit (sandbox up, per-client limits, queue), run in the
/// sandbox, answer with the result — as one JSON body, or as Server-Sent Events when the
/// client accepts them.
struct RunCodeRoute: Sendable {
    let services: GraderServices

    func register(on router: Router<GraderRequestContext>) {
        router.post("/api/run-code") { request, context in
            try await handle(request, context: context)
        }
    }

    func handle(_ request: Request, context: GraderRequestContext) async throws -> Response {
        let submission = try await validatedSubmission(request)
        let health = await services.sandbox.health()
        guard health.available else { throw APIError.sandboxUnavailable(health.detail) }
        let client = ClientAddress(
            peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: .forwardedFor],
            trustedProxies: services.configuration.trustedProxies
        ).key
        if let wait = await services.rateLimiter.admit(client) {
            throw APIError(
                status: .tooManyRequests, code: "rate_limited",
                message: "Too many runs from your address: wait \(wait) s and try again.", retryAfterSeconds: wait)
        }
        guard await services.clientRuns.enter(client) else {
            throw APIError.tooManyRuns(limit: services.clientRuns.perClient)
        }
        let ticket: SubmissionQueue.Ticket
        do {
            ticket = try await services.queue.admit()
        } catch {
            await services.clientRuns.leave(client)
            throw APIError(
                status: .tooManyRequests, code: "queue_full",
                message: "Every sandbox is busy and the queue is full: try again in \(error.retryAfterSeconds) s.",
                retryAfterSeconds: error.retryAfterSeconds)
        }
        if request.headers[.accept]?.contains("text/event-stream") == true {
            return streamingResponse(submission, ticket: ticket, client: client)
        }
        let result = await run(submission, ticket: ticket, client: client) { _ in }
        return try jsonResponse(result)
    }

    /// Waits for the ticket's turn, runs, records and logs. The queue slot (and the client's
    /// place) is freed once the run's container is gone, not when the result is ready:
    /// a slot stands for a container on the machine.
    private func run(
        _ submission: Submission, ticket: SubmissionQueue.Ticket, client: String,
        onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> RunResult {
        let queued = ContinuousClock.now
        await ticket.waitForTurn()
        let queueMs = Int((ContinuousClock.now - queued) / .milliseconds(1))
        let timeout = submission.lesson.map { Double($0.step.timeoutSeconds) } ?? services.configuration.runTimeoutSeconds
        let health = await services.sandbox.health()
        // The engine went away while this one waited in line: say so now, not at the deadline.
        var run = health.available
            ? await services.sandbox.run(submission, timeoutSeconds: timeout, onEvent: onEvent)
            : SandboxRun(result: RunResult(
                status: .error,
                message: "Code cannot run right now: the sandbox is unavailable (\(health.detail)). This is our fault, "
                    + "not your code's: your code is safe, try again in a minute."))
        run.stages.queueMs = queueMs
        let (queue, clientRuns, finished) = (services.queue, services.clientRuns, run)
        Task {
            await finished.waitUntilGone()
            await ticket.leave()
            await clientRuns.leave(client)
        }
        await queue.record(.milliseconds(run.result.durationMs))
        services.metrics.recordRun(run.result, mode: submission.mode.rawValue, droppedLines: run.droppedLines)
        services.metrics.recordStages(run.stages)
        log(submission, run: run, client: client)
        return run.result
    }

    /// Server-Sent Events: `queued`, then `test-start`/`test-end` and `output` as they happen, then `result`.
    private func streamingResponse(_ submission: Submission, ticket: SubmissionQueue.Ticket, client: String) -> Response {
        let stream = ServerSentEventStream(maxBacklog: services.configuration.maxEventBacklogBytes)
        if ticket.position > 0 {
            stream.send("queued", ["position": ticket.position])
        }
        let route = self
        Task {
            let result = await route.run(submission, ticket: ticket, client: client) { event in
                ServerSentEvent.send(event, to: stream)
            }
            stream.finish("result", result)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody(asyncSequence: stream))
    }

    private func validatedSubmission(_ request: Request) async throws -> Submission {
        let contentType = request.headers[.contentType]
        guard let contentType, contentType.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "application/json"
        else { throw APIError.unsupportedMediaType(contentType) }
        let limit = services.configuration.maxBodyBytes
        let patience = services.configuration.bodyTimeout
        // A body that trickles in (slow-loris) must not hold a connection and a task forever.
        let collected: Result<ByteBuffer, any Error>? = await firstOf(
            {
                var request = request
                do { return .success(try await request.collectBody(upTo: limit)) } catch { return .failure(error) }
            },
            { try? await Task.sleep(for: patience); return nil })
        switch collected {
        case .success(let body)?:
            return try RunRequestValidator(site: services.site).validate(Data(buffer: body))
        case .failure(is NIOTooManyBytesError)?:
            throw APIError.bodyTooLarge(limit: limit)
        case .failure(let error)?:
            throw error
        case nil:
            throw APIError.bodyTimeout(seconds: Int(patience.components.seconds))
        }
    }

    private func log(_ submission: Submission, run: SandboxRun, client: String) {
        let result = run.result
        var metadata: Logger.Metadata = [
                "lesson": "\(submission.lesson?.step.lessonID ?? "-")",
                "language": "\(submission.language.id)",
                "mode": "\(submission.mode.rawValue)",
                "valkey": "\(submission.valkey.rawValue)",
                "status": "\(result.status.rawValue)",
                "tests": "\(result.tests.count)",
                "durationMs": "\(result.durationMs)",
                "client": "\(client)",
            ]
        for (stage, milliseconds) in run.stages.named {
            metadata["\(stage)Ms"] = "\(milliseconds)"
        }
        services.logger.info("run", metadata: metadata)
    }
}
