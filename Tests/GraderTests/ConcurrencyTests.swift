import Content
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Sandbox
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Grader

/// Many learners at once: every submission gets its own correct answer, none is lost.
@Suite(.serialized, .enabled(if: dockerIsAvailable, dockerReason)) struct ConcurrencyTests {
    @Test func fiftyConcurrentSubmissionsAreAllAnsweredCorrectly() async throws {
        let services = makeServices(pool: [.none: 2], concurrency: 2, queue: 64)
        let app = buildApplication(services)
        let solution = try contentFile("02-ping", "solution")
        let starter = try contentFile("02-ping", "starter")
        let outcomes = try await app.test(.live) { client in
            // The test client gives up after 20 s of silence; the last of fifty queued runs
            // waits longer than that on two cores, as a real learner's browser would.
            let url = URL(string: "http://127.0.0.1:\(client.port!)/api/run-code")!
            // URLSession.shared gives up on a request after 60 s whatever the request says.
            let configuration = URLSessionConfiguration.default
            configuration.timeoutIntervalForRequest = 600
            configuration.timeoutIntervalForResource = 1200
            let session = URLSession(configuration: configuration)
            // Every request is awaited, failed or not, before the server stops: a connection
            // still pending when it stops is a known NIO crash (apple/swift-nio#2637).
            return await withTaskGroup(of: (Bool, RunResult.Status?).self) { group in
                for index in 0..<50 {
                    let good = index % 2 == 0
                    group.addTask {
                        var request = URLRequest(url: url, timeoutInterval: 600)
                        request.httpMethod = "POST"
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.httpBody = try? JSONSerialization.data(withJSONObject: [
                            "lesson": "build-your-own-valkey/02-ping", "language": "python",
                            "code": good ? solution : starter,
                        ])
                        let data: Data
                        do {
                            (data, _) = try await session.data(for: request)
                        } catch {
                            Issue.record("request failed: \(error)")
                            return (good, nil)
                        }
                        guard let result = try? JSONDecoder().decode(RunResult.self, from: data) else {
                            Issue.record("not a result: \(String(decoding: data, as: UTF8.self))")
                            return (good, nil)
                        }
                        return (good, result.status)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(outcomes.count == 50)
        for (good, status) in outcomes {
            #expect(status == (good ? .pass : .fail))
        }
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
    }
}
