import ArgumentParser
import Foundation
import Testing

@testable import SiteGen

/// Builds the fixture through the real command line, as `sitegen build` does.
func buildWithCommand(_ fixture: SiteFixture) async throws {
    let parsed = try SiteGenCommand.parseAsRoot([
        "build", "--content", fixture.content.path, "--theme", SiteFixture.theme.path, "--output", fixture.output.path,
        "--codemirror", fixture.codeMirror.path,
    ])
    var command = try #require(parsed as? AsyncParsableCommand)
    try await command.run()
}

func builder(_ fixture: SiteFixture) -> SiteBuilder {
    SiteBuilder(
        contentDirectory: fixture.content, themeDirectory: SiteFixture.theme, outputDirectory: fixture.output,
        codeMirrorDirectory: fixture.codeMirror)
}

@Suite("sitegen build")
struct SiteBuildTests {
    @Test func writesEveryPageAtItsURL() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        for path in [
            "index.html", "about/index.html", "courses/demo/index.html", "courses/demo/01-bind/index.html",
            "courses/demo/02-ping/index.html", "courses/demo/03-echo/index.html", "404.html", "sitemap.xml",
            "assets/codemirror/lib/codemirror.js", "assets/codemirror/mode/python/python.js",
            "assets/codemirror/addon/runmode/runmode.js",
        ] {
            #expect(fixture.exists(path), "missing \(path)")
        }
    }

    @Test func neverPublishesSolutionsOrTests() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let files = fixture.outputFiles()
        try #require(files.count > 10, "the build wrote the site")
        for path in files {
            let text = (try? fixture.read(path)) ?? ""
            #expect(!text.contains("SECRET_"), "\(path) leaks a solution or test")
        }
    }

    @Test func homePageShowsTheIntroAndCourses() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("index.html")
        #expect(html.contains("<title>Test Along</title>"))
        #expect(html.contains("Learn by doing"))
        #expect(html.contains("Intro <em>text</em>."))
        #expect(html.contains(#"<a href="/courses/demo/">Demo course</a>"#))
        #expect(html.contains(#"data-lessons="demo/01-bind demo/02-ping demo/03-echo""#))
    }

    @Test func coursePageListsStepsInOrderWithProgressMarkers() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("courses/demo/index.html")
        #expect(html.contains("<h1>Demo course</h1>"))
        let lessons = html.matches(of: /<li class="step-item" data-lesson="([^"]+)" data-progress="todo">/).map {
            String($0.1)
        }
        #expect(lessons == ["demo/01-bind", "demo/02-ping", "demo/03-echo"])
        #expect(html.contains(#"href="/courses/demo/02-ping/""#))
        #expect(html.matches(of: /class="progress-marker"/).count == 3)
        #expect(html.contains(#"aria-current="page""#))
        #expect(html.contains(try assetLink(in: html, named: "course")))
    }

    @Test func stepPageIsAWorkspaceWiredForTheGrader() async throws {
        let fixture = try SiteFixture(graderURL: "https://grader.example")
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("courses/demo/02-ping/index.html")

        #expect(html.contains(#"data-lesson="demo/02-ping""#))
        #expect(html.contains(#"data-grader-url="https://grader.example""#))
        #expect(html.contains(#"id="instructions""#))
        #expect(html.contains(#"<button id="run-button" type="button""#))
        #expect(html.contains(#"<select id="language-select" name="language">"#))
        #expect(html.contains(#"<option value="javascript">JavaScript</option>"#))
        #expect(html.contains(#"id="result-status" class="result-status" data-status="idle""#))
        #expect(html.contains(#"id="result-live" class="result-live visually-hidden" role="status" aria-live="polite""#))
        #expect(html.contains(#"id="test-results""#))
        #expect(html.contains(#"<details id="passed-tests" class="passed-tests" hidden>"#))
        // The banner that offers the learner's own code from the previous step, and that step's lesson.
        #expect(html.contains(#"id="code-banner""#))
        #expect(html.contains(#"data-lesson="demo/01-bind" data-position="1""#))
        // The starter is in the textarea, escaped, so the page works as a plain form without JavaScript.
        #expect(html.contains("if a &lt; b and c &gt; d:"))
        #expect(html.contains(#"<pre><code class="language-python">"#))
        // Previous and next steps.
        #expect(html.contains(#"rel="prev" href="/courses/demo/01-bind/""#))
        #expect(html.contains(#"rel="next" href="/courses/demo/03-echo/""#))
        // CodeMirror from the copied folder, then the step's module through the import map.
        #expect(html.contains(#"<script defer src="/assets/codemirror/lib/codemirror.js"></script>"#))
        #expect(html.contains(#"<script type="importmap">"#))
        #expect(html.contains(try assetLink(in: html, named: "step")))
    }

    @Test func startersAreEmbeddedAsSafeJSON() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("courses/demo/02-ping/index.html")
        let match = try #require(html.firstMatch(of: /<script type="application\/json" id="starters">(.*?)<\/script>/))
        let json = String(match.1)
        #expect(!json.contains("</script>"))
        let starters = try JSONDecoder().decode([String: StarterFixture].self, from: Data(json.utf8))
        #expect(Set(starters.keys) == ["python", "javascript"])
        #expect(starters["javascript"]?.mainFile == "main.js")
        #expect(starters["javascript"]?.files["main.js"] == "// 02-ping starter </script>\n")
        #expect(starters["python"]?.mode == "python")
    }

    @Test func firstAndLastStepsLinkOnlyOneWay() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let first = try fixture.read("courses/demo/01-bind/index.html")
        let last = try fixture.read("courses/demo/03-echo/index.html")
        #expect(!first.contains(#"rel="prev""#) && first.contains(#"rel="next""#))
        #expect(last.contains(#"rel="prev""#) && !last.contains(#"rel="next""#))
    }

    @Test func headingsInInstructionsDoNotReuseThePageIDs() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("courses/demo/01-bind/index.html")
        #expect(html.contains(#"<h2 id="results-1">Results</h2>"#))
        #expect(html.contains("<table>"))
        let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids)")
    }

    @Test func assetsAreFingerprintedAndReferenced() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let files = fixture.outputFiles()
        let css = try #require(files.first { $0.hasPrefix("assets/css/site.") && $0.hasSuffix(".css") })
        #expect(css.wholeMatch(of: /assets\/css\/site\.[0-9a-f]{10}\.css/) != nil)
        #expect(try fixture.read("index.html").contains(#"<link rel="stylesheet" href="/\#(css)">"#))
        #expect(files.contains { $0.wholeMatch(of: /assets\/js\/runner\.[0-9a-f]{10}\.js/) != nil })
        let importMap = try #require(
            try fixture.read("index.html").firstMatch(of: /<script type="importmap">(.*?)<\/script>/))
        let map = try JSONDecoder().decode([String: [String: String]].self, from: Data(importMap.1.utf8))
        let runner = try #require(map["imports"]?["/assets/js/runner.js"])
        #expect(fixture.exists(String(runner.dropFirst())))
    }

    @Test func sitemapAnd404() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let sitemap = try fixture.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://codealong.example/</loc>"))
        #expect(sitemap.contains("<loc>https://codealong.example/about/</loc>"))
        #expect(sitemap.contains("<loc>https://codealong.example/courses/demo/03-echo/</loc>"))
        #expect(!sitemap.contains("404"))
        let notFound = try fixture.read("404.html")
        #expect(notFound.contains("This page does not exist"))
        // Served for any path, so its links must be absolute.
        #expect(notFound.contains(#"href="/assets/css/site."#))
    }

    @Test func aBaseURLWithAPathPrefixesEveryLink() async throws {
        let fixture = try SiteFixture(baseURL: "https://example.org/learn/")
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("courses/demo/01-bind/index.html")
        #expect(html.contains(#"href="/learn/courses/demo/""#))
        #expect(html.contains(#"src="/learn/assets/codemirror/lib/codemirror.js""#))
        #expect(html.contains(#""/learn/assets/js/step.js":"/learn/assets/js/step."#))
        #expect(try fixture.read("sitemap.xml").contains("<loc>https://example.org/learn/courses/demo/</loc>"))
    }

    @Test func rebuildingWritesOnlyWhatChangedAndRemovesStaleFiles() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let first = try await builder(fixture).build()
        #expect(first.write.written > 0 && first.write.removed == 0)

        let second = try await builder(fixture).build()
        #expect(second.write.written == 0)
        #expect(second.rendered == 0 && second.reused == first.pageCount)

        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("courses/demo/03-echo"))
        try fixture.write("public/keep-me.txt", "not ours")
        let third = try await builder(fixture).build()
        #expect(third.write.removed == 1)
        #expect(!fixture.exists("courses/demo/03-echo/index.html"))
        #expect(!fixture.exists("courses/demo/03-echo"))
        #expect(fixture.exists("keep-me.txt"))
    }

    @Test func contentErrorsStopTheBuild() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.write("content/courses/demo/02-ping/step.md", "---\ntitle: Ping\ntimeout: 0\n---\n")
        await #expect(throws: ExitCode.failure) { try await buildWithCommand(fixture) }
        #expect(!fixture.exists("index.html"))
    }

    @Test func checkValidatesWithoutWriting() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let arguments = ["check", "--content", fixture.content.path, "--theme", SiteFixture.theme.path]
        var check = try #require(try SiteGenCommand.parseAsRoot(arguments) as? CheckCommand)
        try await check.run()
        try fixture.write("content/courses/demo/course.yml", "title: Demo\nlanguages: [cobol]\n")
        check = try #require(try SiteGenCommand.parseAsRoot(arguments) as? CheckCommand)
        await #expect(throws: ExitCode.failure) { try await check.run() }
        #expect(!fixture.exists("index.html"))
    }

    @Test func missingCodeMirrorSaysHowToInstallIt() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        var broken = builder(fixture)
        broken.codeMirrorDirectory = fixture.base.appendingPathComponent("nowhere")
        await #expect {
            _ = try await broken.build()
        } throws: { error in
            "\(error)".contains("libjs-codemirror")
        }
    }
}

/// The shape `step.js` reads from the starters JSON.
struct StarterFixture: Decodable {
    var name: String
    var mode: String
    var mainFile: String
    var files: [String: String]
}

/// The fingerprinted link of `js/<name>.js` as the page references it.
func assetLink(in html: String, named name: String) throws -> String {
    let pattern = try Regex(#"<script type="module" src="(/assets/js/"# + name + #"\.[0-9a-f]{10}\.js)"></script>"#)
    let match = try #require(html.firstMatch(of: pattern))
    return String(match.output[1].substring ?? "")
}

@Suite("sitegen build: courses graded step by step or alone")
struct StepGradingPagesTests {
    /// The step page's "previous" link carries the lesson id only where the learner's passing
    /// code of that step should open this one (step.js reads it).
    @Test func onlyACumulativeCourseCarriesCodeFromTheStepBefore() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        #expect(try fixture.read("courses/demo/02-ping/index.html").contains(#"rel="prev" href="/courses/demo/01-bind/" data-lesson="demo/01-bind""#))
        try fixture.write(
            "content/courses/demo/course.yml",
            "title: Demo course\nsummary: Learn demos\nlanguages: [python, javascript]\ngrading: alone\n")
        try await buildWithCommand(fixture)
        let page = try fixture.read("courses/demo/02-ping/index.html")
        #expect(page.contains(#"rel="prev" href="/courses/demo/01-bind/" data-position="1""#))
        #expect(!page.contains(#"data-lesson="demo/01-bind""#))
    }
}
