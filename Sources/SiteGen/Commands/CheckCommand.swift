import ArgumentParser
import Content
import Foundation
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

    @Option(help: "Verify only this course, or one step of it: <course>, <course>/<NN-name> or <course>/<NN>. Prints what each test said.")
    var only: String?

    @Option(help: "Verify only this language.")
    var language: String?

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
        for problem in outcome.testProblems { Console.line("\(problem)") }
        Console.line("sitegen: " + outcome.summary)
        var failed = !outcome.isClean
        if verify {
            failed = await runVerify(outcome.site) || failed
        }
        if failed { throw ExitCode.failure }
    }

    /// Runs `--verify`; returns whether any run ended the wrong way.
    private func runVerify(_ site: Site) async -> Bool {
        let selection = SolutionVerifier.Selection(only: only, language: language)
        let planned = SolutionVerifier.jobs(in: site, selection: selection)
        guard !planned.isEmpty else {
            CommandFailure.report(SiteGenError(
                "--only \(only ?? "-") --language \(language ?? "-") selects no step; courses: "
                    + site.courses.map(\.id).joined(separator: ", ")))
            return true
        }
        let sandbox: DockerSandbox
        switch await VerifySandbox.start(image: image, modes: Set(planned.map(\.step.valkey)), jobs: jobs) {
        case .success(let started): sandbox = started
        case .failure(let error):
            CommandFailure.report(SiteGenError("--verify: \(error)"))
            return true
        }
        let clock = ContinuousClock()
        let began = clock.now
        // Everything: a line per run as it finishes. A selection: each run in detail, in order.
        let detailed = !selection.isEverything
        let runs = await SolutionVerifier(sandbox: sandbox, jobs: jobs).verify(site, selection: selection) { run in
            if !detailed { Console.line("\(run)") }
        }
        if detailed { for run in runs { Console.line(run.detailed) } }
        await sandbox.shutdown()
        let wrong = runs.filter { !$0.asExpected }
        let elapsed = (clock.now - began) / .milliseconds(1)
        Console.line(
            "sitegen: verify: \(runs.count) runs, \(runs.count - wrong.count) as expected, \(wrong.count) not, in "
                + String(format: "%.1f s", elapsed / 1000))
        return !wrong.isEmpty
    }
}
