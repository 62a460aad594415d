import Content
import Foundation
import Sandbox
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Grader

/// Streaming, health, metrics and the rate limit, through the live HTTP server.
@Suite(.serialized, .enabled(if: dockerIsAvailable, dockerReason)) struct OperationsTests {
    @Test func streamsTestsAsTheyHappenThenTheResult() async throws {
        let services = makeServices()
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let body = try JSONSerialization.data(withJSONObject: [
                "lesson": "build-your-own-valkey/02-ping", "language": "python",
                "code": try contentFile("02-ping", "solution"),
            ])
            let response = try await client.execute(
                uri: "/api/run-code", method: .post,
                headers: [.contentType: "application/json", .accept: "text/event-stream"],
                body: ByteBuffer(data: body))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let text = response.text
            let start = try #require(text.range(of: "event: test-start"))
            let end = try #require(text.range(of: "event: test-end"))
            let result = try #require(text.range(of: "event: result"))
            #expect(start.lowerBound < end.lowerBound && end.lowerBound < result.lowerBound)
            #expect(text.contains(#""status":"pass""#))
        }
        await services.sandbox.shutdown()
    }

    @Test func healthAndMetricsReportTheSandbox() async throws {
        let services = makeServices(pool: [.none: 1])
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/api/health", method: .get)
            #expect(health.status == .ok)
            let report = try health.decoded(HealthReport.self)
            #expect(report.docker.available)
            #expect(report.docker.pool.keys.sorted() == ["cluster", "none", "standalone"])

            _ = try await client.runCode(["language": "python", "code": "print('hi')"])
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains("codealong_runs_total{"))
            #expect(metrics.text.contains(#"codealong_http_requests_total{path="/api/run-code",status="200"}"#))
            #expect(metrics.text.contains("codealong_run_duration_seconds_bucket"))
            for stage in ["queue", "handoff", "tests", "result"] {  // a program that is not a server: no learner_start
                #expect(metrics.text.contains(#"codealong_run_stage_seconds_count{stage="\#(stage)"} 1"#), "\(stage)")
            }
            #expect(metrics.text.contains("codealong_queue_depth"))
            #expect(metrics.text.contains(#"codealong_pool_idle_containers{profile="none"}"#))
        }
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }

    @Test func healthIs503WhenTheImageIsMissing() async throws {
        var services = makeServices()
        services.configuration.docker.image = "codealong-runner:does-not-exist"
        services.sandbox = DockerSandbox(settings: services.configuration.docker, pool: .init(sizes: [:], prewarm: []), logger: services.logger)
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/api/health", method: .get)
            #expect(health.status == .serviceUnavailable)
            #expect(health.text.contains(#""status":"unavailable""#))
        }
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        let services = makeServices(rateLimit: 1)
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let first = try await client.runCode(["language": "python", "code": "print(1)"])
            #expect(first.status == .ok)
            let second = try await client.runCode(["language": "python", "code": "print(2)"])
            #expect(second.status == .tooManyRequests)
            #expect(Int(second.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(second.text.contains("rate_limited"))
        }
        await services.sandbox.shutdown()
    }

    @Test func unknownAPIPathIsAJSON404() async throws {
        let services = makeServices()
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let response = try await client.execute(uri: "/api/nope", method: .get)
            #expect(response.status == .notFound)
            #expect(response.text.contains(#""code":"not_found""#))
        }
    }
}

/// Containers a crashed grader left behind are removed when the next one starts.
@Suite(.enabled(if: dockerIsAvailable, dockerReason)) struct OrphanReapingTests {
    @Test func orphansWithOurLabelAreReapedAtStartUp() async throws {
        let instance = "test-orphans-\(UUID().uuidString.prefix(6).lowercased())"
        let started = await runCommand(
            "docker",
            [
                "run", "-d", "--rm", "--pull", "never", "--network", "none", "--label", "\(DockerSettings.labelKey)=\(instance)",
                "--entrypoint", "sleep", "codealong-runner:latest", "300",
            ])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(await leftoverContainers(instance: instance).count == 1)

        let services = makeServices(instance: instance)
        await services.sandbox.start()
        #expect(await leftoverContainers(instance: instance).isEmpty)
        await services.sandbox.shutdown()
    }
}
