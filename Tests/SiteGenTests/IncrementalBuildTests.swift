import Foundation
import Testing

@testable import SiteGen

extension SiteFixture {
    /// A copy of the real theme inside the fixture, so a test can edit templates.
    func copyTheme() throws -> URL {
        let copy = base.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: SiteFixture.theme, to: copy)
        return copy
    }

    /// Sets every file below `folder` to have been modified a minute ago: stamps taken right after a write
    /// are not trusted (see `BuildCache.racyWindow`), and a test of the no-change path needs trusted ones.
    func backdate(_ folder: URL) throws {
        let past = Date().addingTimeInterval(-60)
        for path in FileStamps.scan([folder]).stamps.keys {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        }
    }

    /// Stamps of every HTML page in the output folder, keyed by relative path.
    func pageStamps() -> [String: FileStamp] {
        Dictionary(
            uniqueKeysWithValues: outputFiles().filter { $0.hasSuffix(".html") }.map {
                ($0, FileStamp.of(output.appendingPathComponent($0).path)!)
            })
    }

    func changedPages(since before: [String: FileStamp]) -> Set<String> {
        Set(pageStamps().filter { before[$0.key] != $0.value }.map(\.key))
    }
}

@Suite("sitegen build: incremental and parallel")
struct IncrementalBuildTests {
    func makeBuilder(_ fixture: SiteFixture, theme: URL = SiteFixture.theme) -> SiteBuilder {
        var builder = builder(fixture)
        builder.themeDirectory = theme
        return builder
    }

    @Test func aRebuildWithNoChangeReadsAndRendersNothing() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let theme = try fixture.copyTheme()
        let builder = makeBuilder(fixture, theme: theme)
        let first = try await builder.build()
        #expect(first.rendered == first.pageCount && first.loadedContent)
        try fixture.backdate(fixture.content)
        try fixture.backdate(theme)
        // New stamps, same bytes: the content is read again, but no page is rendered.
        let touched = try await builder.build()
        #expect(touched.loadedContent && touched.rendered == 0 && touched.write.written == 0)
        let before = fixture.pageStamps()
        let unchanged = try await builder.build()
        #expect(!unchanged.loadedContent)
        #expect(unchanged.rendered == 0 && unchanged.reused == first.pageCount)
        #expect(unchanged.write == WriteReport())
        #expect(fixture.changedPages(since: before).isEmpty)
    }

    @Test func editingAStepsInstructionsRerendersOnlyThatStep() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        _ = try await builder(fixture).build()
        let before = fixture.pageStamps()
        try fixture.write(
            "content/courses/demo/02-ping/step.md",
            "---\ntitle: Answer PING\nsummary: Summary of 02-ping\n---\nNew words.\n")
        let report = try await builder(fixture).build()
        #expect(report.rendered == 1)
        #expect(fixture.changedPages(since: before) == ["courses/demo/02-ping/index.html"])
        #expect(try fixture.read("courses/demo/02-ping/index.html").contains("New words."))
    }

    @Test func renamingAStepRerendersThePagesListingItsTitle() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        _ = try await builder(fixture).build()
        let before = fixture.pageStamps()
        try fixture.write(
            "content/courses/demo/02-ping/step.md",
            "---\ntitle: Answer PONG\nsummary: Summary of 02-ping\n---\n```python\nprint('</script>')\n```\n")
        let report = try await builder(fixture).build()
        // The step, its course page (the list), its neighbours (previous/next titles) and the home page (the course card).
        #expect(report.rendered == 5)
        #expect(
            fixture.changedPages(since: before) == [
                "courses/demo/index.html", "courses/demo/01-bind/index.html", "courses/demo/02-ping/index.html",
                "courses/demo/03-echo/index.html",
            ])
        #expect(try fixture.read("courses/demo/01-bind/index.html").contains("Answer PONG"))
    }

    @Test func editingATemplateRerendersThePagesUsingIt() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let theme = try fixture.copyTheme()
        let builder = makeBuilder(fixture, theme: theme)
        let first = try await builder.build()
        var before = fixture.pageStamps()
        let course = theme.appendingPathComponent("templates/course.mustache")
        try (String(contentsOf: course, encoding: .utf8) + "<!-- edited -->\n").write(
            to: course, atomically: true, encoding: .utf8)
        let afterCourse = try await builder.build()
        #expect(afterCourse.rendered == 1)
        #expect(fixture.changedPages(since: before) == ["courses/demo/index.html"])

        // Every page's layout includes the header partial.
        before = fixture.pageStamps()
        let header = theme.appendingPathComponent("templates/partials/header.mustache")
        try (String(contentsOf: header, encoding: .utf8) + "<!-- edited -->\n").write(
            to: header, atomically: true, encoding: .utf8)
        let afterHeader = try await builder.build()
        #expect(afterHeader.rendered == first.pageCount)
        #expect(fixture.changedPages(since: before) == Set(before.keys))
    }

    @Test func aPageDeletedFromTheOutputIsWrittenAgain() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        _ = try await builder(fixture).build()
        try FileManager.default.removeItem(at: fixture.output.appendingPathComponent("about/index.html"))
        let report = try await builder(fixture).build()
        #expect(report.rendered == 1)
        #expect(fixture.exists("about/index.html"))
    }

    @Test func theCacheLivesOutsideThePublishedFolder() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let builder = builder(fixture)
        _ = try await builder.build()
        #expect(
            builder.resolvedCacheFile.path == fixture.base.appendingPathComponent(".build/sitegen/public.cache").path)
        #expect(FileManager.default.fileExists(atPath: builder.resolvedCacheFile.path))
        #expect(!fixture.outputFiles().contains { $0.contains("cache") })
    }

    @Test func editingACommandsProseRerendersOnlyItsPage() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        _ = try await builder(fixture).build()
        let before = fixture.pageStamps()
        try fixture.write("content/commands/GET.md", "Reads a value again.\n")
        let report = try await builder(fixture).build()
        #expect(report.rendered == 1)
        #expect(fixture.changedPages(since: before) == ["commands/get/index.html"])
    }

    @Test func aStepThatStartsUsingACommandRerendersThatCommandsPage() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        _ = try await builder(fixture).build()
        let before = fixture.pageStamps()
        // Only the step's test changes: the course listings skip it, the "used in" list of GET does not.
        try fixture.write("content/courses/demo/03-echo/test.py", "c.send((\"GET\", \"k\"))\n")
        let report = try await builder(fixture).build()
        // The step's own key covers its test, so it renders too (to the same bytes); GET's page changes.
        #expect(report.rendered == 2)
        #expect(fixture.changedPages(since: before) == ["commands/get/index.html"])
        #expect(try fixture.read("commands/get/index.html").contains(#"<li data-lesson="demo/03-echo">"#))
    }

    @Test func pageKeysFollowReflectionSoNewFieldsCount() {
        struct Listing {
            var title: String
            var instructions: String
            var tags: [String: Int]
        }
        let a = ContentDigest.of(reflecting: Listing(title: "A", instructions: "x", tags: ["a": 1, "b": 2]))
        let b = ContentDigest.of(reflecting: Listing(title: "A", instructions: "y", tags: ["b": 2, "a": 1]))
        #expect(a != b)
        let skipA = ContentDigest.of(
            reflecting: Listing(title: "A", instructions: "x", tags: ["a": 1, "b": 2]), skipping: ["instructions"])
        let skipB = ContentDigest.of(
            reflecting: Listing(title: "A", instructions: "y", tags: ["b": 2, "a": 1]), skipping: ["instructions"])
        #expect(skipA == skipB)
    }
}
