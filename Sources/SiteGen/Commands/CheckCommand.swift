import ArgumentParser
import Content
import Foundation
import Logging
import Sandbox

/// `sitegen check`: validates the content and its internal links without writing; `--verify` also runs every
/// step's solution and starter through the real runner. Exits 1 when there are problems.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content: front matter, course and step layout, internal links and anchors.",
        discussion: """
            With --verify, also runs every step's solution (it must pass) and starter (it must fail) in every \
            course language through the runner image, with Docker.
            """)

    @Option(help: "The content folder.")
    var content = "content"

    @Option(help: "The theme folder (its templates give pages their element ids).")
    var theme = "theme"

    @Flag(help: "Run every solution and starter through the runner (needs Docker and the runner image).")
    var verify = false

    @Option(help: "The runner image --verify uses.")
    var image = DockerSettings().image

    @Option(help: "How many --verify runs go at once.")
    var jobs = 2

    func run() async throws {
        let sources = SiteSources(contentDirectory: URL(fileURLWithPath: content), themeDirectory: URL(fileURLWithPath: theme))
        let outcome: CheckOutcome
        do {
            outcome = try await SiteCheck(sources: sources).run()
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
        for problem in outcome.problems { Console.line("\(problem)") }
        Console.line("sitegen: " + outcome.summary)
        var failed = !outcome.problems.isEmpty
        if verify {
            failed = await runVerify(outcome.site) || failed
        }
        if failed { throw ExitCode.failure }
    }

    /// Runs `--verify`; returns whether any run ended the wrong way.
    private func runVerify(_ site: Site) async -> Bool {
        var docker = DockerSettings()
        docker.image = image
        docker.instance = "sitegen-verify-\(ProcessInfo.processInfo.processIdentifier)"
        let modes = Set(site.courses.flatMap { $0.steps.map(\.valkey) })
        let pool = WarmPool.Settings(
            sizes: Dictionary(uniqueKeysWithValues: modes.map { ($0, max(1, jobs)) }), prewarm: modes)
        var logger = Logger(label: "sitegen.verify")
        logger.logLevel = .warning
        let sandbox = DockerSandbox(settings: docker, pool: pool, logger: logger)
        let health = await sandbox.health()
        guard health.available else {
            CommandFailure.report(
                SiteGenError("--verify: \(health.detail) Start Docker, or build the image with runner/build-image.sh."))
            return true
        }
        await sandbox.start()
        let clock = ContinuousClock()
        let began = clock.now
        let runs = await SolutionVerifier(sandbox: sandbox, jobs: jobs).verify(site) { Console.line("\($0)") }
        await sandbox.shutdown()
        let wrong = runs.filter { !$0.asExpected }
        let elapsed = (clock.now - began) / .milliseconds(1)
        Console.line(
            "sitegen: verify: \(runs.count) runs, \(runs.count - wrong.count) as expected, \(wrong.count) not, in "
                + String(format: "%.1f s", elapsed / 1000))
        return !wrong.isEmpty
    }
}
