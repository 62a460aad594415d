import ArgumentParser
import Foundation
import Testing

@testable import SiteGen

@Suite("sitegen check: internal links and anchors")
struct LinkCheckTests {
    func check(_ fixture: SiteFixture) async throws -> CheckOutcome {
        try await SiteCheck(sources: builder(fixture).sources).run()
    }

    @Test func goodLinksPass() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.writeStep(
            "02-ping", title: "Answer PING",
            body: """
                ## Wire format

                See [the table](../01-bind/#results-1), [this section](#wire-format), [the course](/courses/demo/),
                [about](/about/#who), [home](/), [next](../03-echo/), [the sitemap](/sitemap.xml),
                [the editor](#code-editor), [Valkey](https://valkey.io) and [mail](mailto:a@b.c).

                ```text
                [not a link](/nowhere/)
                ```

                """)
        let outcome = try await check(fixture)
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(outcome.linksChecked == 9)  // the 8 above and site.yml's nav link
    }

    @Test func aBrokenNavLinkNamesSiteYMLAndItsLine() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.write(
            "content/site.yml",
            "title: Test Along\nbase_url: https://codealong.example\nnav:\n  - title: Course\n    url: /courses/demo/\n"
                + "  - title: Gone\n    url: /courses/dmeo/\n")
        let outcome = try await check(fixture)
        #expect(
            outcome.problems.map(\.description) == [
                "content/site.yml:7: link '/courses/dmeo/': no page or file '/courses/dmeo/' in the site; closest: '/courses/demo/'"
            ])
    }

    @Test func aBrokenLinkNamesFileLineAndTheClosestPage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        // Front matter takes lines 1–4; the body starts on line 5.
        try fixture.writeStep(
            "02-ping", title: "Answer PING", body: "Intro.\n\nGo on to\n[step three](/courses/demo/03-ecco/).\n")
        let outcome = try await check(fixture)
        #expect(
            outcome.problems.map(\.description) == [
                "content/courses/demo/02-ping/step.md:8: link '/courses/demo/03-ecco/': no page or file "
                    + "'/courses/demo/03-ecco/' in the site; closest: '/courses/demo/03-echo/'"
            ])
    }

    @Test func aBrokenAnchorNamesFileLineAndTheClosestAnchor() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.write("content/pages/about.md", "---\ntitle: About us\n---\n## Who\n\nPeople, see [us](#whoo).\n")
        try fixture.writeStep("03-echo", title: "Echo", body: "- one\n- [about](/about/#wh0)\n")
        let outcome = try await check(fixture)
        #expect(
            outcome.problems.map(\.description) == [
                "content/pages/about.md:6: link '#whoo': this page has no anchor '#whoo'; closest: '#who'",
                "content/courses/demo/03-echo/step.md:6: link '/about/#wh0': '/about/' has no anchor '#wh0'; closest: '#who'",
            ])
    }

    @Test func theCommandExitsWithFailureOnABrokenLink() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let arguments = ["check", "--content", fixture.content.path, "--theme", SiteFixture.theme.path]
        var command = try #require(try SiteGenCommand.parseAsRoot(arguments) as? AsyncParsableCommand)
        try await command.run()
        try fixture.writeStep("01-bind", title: "Bind", body: "[gone](../09-gone/)\n")
        command = try #require(try SiteGenCommand.parseAsRoot(arguments) as? AsyncParsableCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }

    @Test func linksResolveAgainstThePageAndTheSiteRoot() {
        let checker = LinkChecker(
            targets: LinkTargets(files: [OutputFile(path: "learn-page/index.html", text: "")]),
            layout: URLLayout(baseURL: "https://x.org/docs"))
        #expect(checker.resolve("https://valkey.io/x", from: "a/") == nil)
        #expect(checker.resolve("//cdn.example/x.js", from: "a/") == nil)
        #expect(checker.resolve("#top", from: "a/b/")! == ("a/b/", "top"))
        #expect(checker.resolve("../c/?q=1#x%20y", from: "a/b/")! == ("a/c/", "x y"))
        #expect(checker.resolve("/docs/about/", from: "a/")! == ("about/", nil))
        #expect(checker.resolve("/about/", from: "a/")! == ("about/", nil))
        #expect(checker.resolve("./", from: "a/b/")! == ("a/b/", nil))
    }

    @Test func elementIDsAreReadFromRenderedHTML() {
        let html = #"<h2 id="a-b">x</h2><div class="x" id="results"></div><p data-id="no">"#
        #expect(LinkTargets.elementIDs(in: Data(html.utf8)) == ["a-b", "results"])
    }
}
