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
        return CheckOutcome(site: prepared.site, problems: problems, linksChecked: checked)
    }
}

/// What `sitegen check` found.
struct CheckOutcome: Sendable {
    var site: Site
    var problems: [LinkProblem]
    var linksChecked: Int

    var summary: String {
        let steps = site.courses.reduce(0) { $0 + $1.steps.count }
        let counts = [
            (site.courses.count, "course"), (steps, "step"), (site.pages.count, "page"),
            (site.commands.count, "command"), (site.templates.count, "template"), (linksChecked, "internal link"),
        ].map { count, noun in "\(count) \(noun)\(count == 1 ? "" : "s")" }.joined(separator: ", ")
        guard !problems.isEmpty else { return "content OK: " + counts }
        let noun = problems.count == 1 ? "problem" : "problems"
        return "\(problems.count) link \(noun) (checked \(counts))"
    }
}
