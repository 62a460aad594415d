import Content
import Foundation

/// `sitegen check` without `--verify`: loads and validates the content, renders it in memory and checks every
/// internal link and anchor of its Markdown against what the build would produce.
struct SiteCheck: Sendable {
    var sources: SiteSources

    /// Throws content and theme errors; link problems are returned, so they are all reported together.
    func run() async throws -> CheckOutcome {
        let prepared = try await sources.prepare()
        let pages = try await prepared.renderer.renderAll()
        let targets = LinkTargets(
            files: pages + prepared.assets.files,
            otherPaths: CodeMirrorAssets.files.map { "\(CodeMirrorAssets.publishedFolder)/\($0)" })
        let (problems, checked) = LinkChecker(targets: targets, layout: prepared.layout)
            .check(LinkSource.all(in: prepared.site))
        let tests = await StepTestCheck().check(prepared.site)
        return CheckOutcome(
            site: prepared.site, problems: problems, linksChecked: checked, testProblems: tests.problems,
            testsChecked: tests.checked)
    }
}

/// What `sitegen check` found.
struct CheckOutcome: Sendable {
    var site: Site
    var problems: [LinkProblem]
    var linksChecked: Int
    /// Steps' `test.py` files that do not compile or define no test.
    var testProblems: [StepTestCheck.Problem] = []
    /// Whether `python3` could look at the tests at all.
    var testsChecked = true

    var isClean: Bool { problems.isEmpty && testProblems.isEmpty }

    var summary: String {
        let steps = site.courses.reduce(0) { $0 + $1.steps.count }
        let counts = [
            (site.courses.count, "course"), (steps, "step"), (site.pages.count, "page"),
            (site.commands.count, "command"), (site.templates.count, "template"), (linksChecked, "internal link"),
        ].map { count, noun in "\(count) \(noun)\(count == 1 ? "" : "s")" }.joined(separator: ", ")
        let tests = testsChecked ? "" : " (test.py files not checked: no python3 on this machine)"
        guard !isClean else { return "content OK: " + counts + tests }
        var found: [String] = []
        if !problems.isEmpty { found.append("\(problems.count) link problem\(problems.count == 1 ? "" : "s")") }
        if !testProblems.isEmpty { found.append("\(testProblems.count) test.py problem\(testProblems.count == 1 ? "" : "s")") }
        return found.joined(separator: ", ") + " (checked \(counts))" + tests
    }
}
