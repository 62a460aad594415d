import Content
import Foundation
import Sandbox
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Grader

/// The grader against the real Docker engine and the real runner image: outcomes a learner
/// sees, the limits that stop a bad program, and no container left behind.
@Suite(.serialized, .enabled(if: dockerIsAvailable, dockerReason)) struct SandboxIntegrationTests {
    static let lesson = "build-your-own-valkey/02-ping"

    @Test func referenceSolutionPassesStep2AndStarterFailsUsefully() async throws {
        let services = makeServices(pool: [.none: 1])
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let pass = try await client.runCode([
                "lesson": Self.lesson, "language": "python", "code": try contentFile("02-ping", "solution"),
            ])
            #expect(pass.status == .ok)
            let passed = try pass.decoded(RunResult.self)
            #expect(passed.status == .pass, "\(passed)")
            #expect(passed.tests.contains { $0.step == "01-bind" && $0.status == .pass })
            #expect(passed.tests.contains { $0.step == "02-ping" && $0.status == .pass })

            let starter = try await client.runCode([
                "lesson": Self.lesson, "language": "python", "code": try contentFile("02-ping", "starter"),
            ])
            let failed = try starter.decoded(RunResult.self)
            #expect(failed.status == .fail, "\(failed)")
            let failure = try #require(failed.tests.first { $0.status != .pass })
            // What was expected and what came back, with the line ending visible.
            #expect(failure.message?.contains(#"+PONG\r\n"#) == true, "\(failure)")
        }
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }

    @Test func aWarmContainerThatDiedIsReplacedWithoutTheLearnerNoticing() async throws {
        let services = makeServices(pool: [.none: 1])
        await services.sandbox.start()
        let deadline = ContinuousClock.now + .seconds(30)
        while await services.dockerSandbox.pool.sizes["none"] != 1 {
            try #require(ContinuousClock.now < deadline)
            try await Task.sleep(for: .milliseconds(50))
        }
        // Remove the idle container behind the pool's back, as an engine restart would.
        let idle = await services.dockerSandbox.pool.liveNames
        _ = await runCommand("docker", ["rm", "-f"] + Array(idle))
        let submission = Submission(
            language: .python, files: [SourceFile(name: "main.py", contents: try contentFile("02-ping", "solution"))],
            mode: .test, valkey: .none, lesson: realSite.lesson(Self.lesson))
        let result = await services.sandbox.run(submission, timeoutSeconds: 10) { _ in }.result
        #expect(result.status == .pass, "\(result)")
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }

    @Test func aRunLongerThanThePoolsPatienceIsNotCutShort() async throws {
        // The pool gives a used container five seconds to exit before it kills it: those five
        // seconds start when the run is over, not when it begins.
        let services = makeServices(pool: [.none: 1], runTimeout: 12)
        let app = buildApplication(services)
        let result = try await app.test(.live) { client in
            try await client.runCode(["language": "python", "code": "import time\ntime.sleep(7)\nprint('done')\n"])
                .decoded(RunResult.self)
        }
        await services.sandbox.shutdown()
        #expect(result.status == .pass, "\(result)")
        #expect(result.stdout == "done\n")
    }

    @Test func javascriptSolutionPasses() async throws {
        let services = makeServices()
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let response = try await client.runCode([
                "lesson": Self.lesson, "language": "javascript",
                "code": try contentFile("02-ping", "solution", "javascript", "main.js"),
            ])
            let result = try response.decoded(RunResult.self)
            #expect(result.status == .pass, "\(result)")
        }
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }

    @Test func infiniteLoopTimesOutWithinTheLimit() async throws {
        let services = makeServices(runTimeout: 3)
        let app = buildApplication(services)
        let started = ContinuousClock.now
        try await app.test(.live) { client in
            let response = try await client.runCode(["language": "python", "code": "while True:\n    pass\n"])
            let result = try response.decoded(RunResult.self)
            #expect(result.status == .timeout, "\(result)")
            #expect(result.message.contains("3 s"))
        }
        // The limit plus the kill grace plus container start-up, with room for a slow machine.
        #expect(ContinuousClock.now - started < .seconds(3 + 10))
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }

    @Test func memoryHogIsAnErrorNamingMemory() async throws {
        let services = makeServices()
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let hog = "chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))\n"
            let response = try await client.runCode(["language": "python", "code": hog])
            let result = try response.decoded(RunResult.self)
            #expect(result.status == .error, "\(result)")
            #expect(result.message.contains("memory"), "\(result.message)")
        }
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }

    @Test func badRequestsGetJSONErrors() async throws {
        let services = makeServices()
        let app = buildApplication(services)
        try await app.test(.live) { client in
            let unknown = try await client.runCode(["lesson": Self.lesson, "language": "cobol", "code": ""])
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains(#""field":"language""#))
            #expect(unknown.text.contains(#""allowed":["#))

            let missing = try await client.runCode(["lesson": "build-your-own-valkey/99-nope", "language": "python", "code": ""])
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("unknown_lesson"))

            let big = String(repeating: "#", count: 70 * 1024)
            let tooLarge = try await client.runCode(["language": "python", "code": big])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.text.contains("body_too_large"))
        }
        await services.sandbox.shutdown()
    }
}
