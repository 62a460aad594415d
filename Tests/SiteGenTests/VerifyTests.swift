import Content
import Foundation
import Sandbox
import Testing

@testable import SiteGen

/// A sandbox that passes code containing `SOLUTION` (or everything, when `passesEverything`), without Docker.
struct ScriptedSandbox: SandboxBackend {
    var passesEverything = false

    func run(
        _ submission: Submission, timeoutSeconds: Double, onEvent: @escaping @Sendable (RunnerEvent) async -> Void
    ) async -> SandboxRun {
        let solved = passesEverything || submission.files.contains { $0.contents.contains("SOLUTION") }
        return SandboxRun(result: RunResult(
            status: solved ? .pass : .fail, message: solved ? "All tests passed." : "1 test failed.",
            tests: [TestResult(name: "responds", status: solved ? .pass : .fail, message: "expected +PONG")]))
    }

    func health() async -> SandboxHealth { SandboxHealth(available: true, detail: "scripted", pool: [:]) }
    func shutdown() async {}
}

@Suite("sitegen check --verify (with a scripted sandbox; `make test` runs the real one)")
struct VerifyTests {
    @Test func everySolutionAndStarterRunsInEveryLanguage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let site = try await builder(fixture).prepare().site
        let runs = await SolutionVerifier(sandbox: ScriptedSandbox(), jobs: 3).verify(site) { _ in }
        #expect(runs.count == 3 * 2 * 2)
        #expect(runs.allSatisfy { $0.asExpected })
        #expect(runs.first?.description.hasPrefix("ok    solution  demo/01-bind") == true)
        #expect(runs.first?.description.contains("  python      pass     ") == true)
    }

    @Test func aStarterThatPassesIsAFailure() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let site = try await builder(fixture).prepare().site
        let runs = await SolutionVerifier(sandbox: ScriptedSandbox(passesEverything: true)).verify(site) { _ in }
        let wrong = runs.filter { !$0.asExpected }
        #expect(wrong.count == 6 && wrong.allSatisfy { $0.job.kind == .starter })
        #expect(wrong[0].description.contains("the starter passes every test"))
    }
}
