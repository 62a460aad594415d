import Content
import Foundation
import Testing

@testable import SiteGen

@Suite("sitegen build: reusing unchanged documents")
struct DocumentSnapshotTests {
    /// Stamps of the fixture's content as a scan right now sees them.
    func stamps(_ fixture: SiteFixture) -> DocumentStamps {
        DocumentStamps(
            inputs: FileStamps.scan([fixture.content]), contentDirectory: fixture.content,
            scannedAt: Int64(Date().timeIntervalSince1970 * 1e9))
    }

    func stepMarkdown(_ fixture: SiteFixture, _ id: String) -> URL {
        fixture.content.appendingPathComponent("courses/demo/\(id)/step.md")
    }

    @Test func everyFieldOfPagesAndStepsSurvivesTheFile() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.backdate(fixture.content)
        let site = try ContentLoader.load(from: fixture.content)
        let snapshot = DocumentSnapshot(site: site, stamps: stamps(fixture))
        let file = fixture.base.appendingPathComponent("documents")
        try snapshot.save(to: file, identity: "test")
        let loaded = try #require(DocumentSnapshot.load(from: file, identity: "test"))

        try #require(!snapshot.pages.isEmpty && !snapshot.steps.isEmpty)
        #expect(loaded.pages.count == site.pages.count && loaded.steps.count == site.courses[0].steps.count)
        // Compared by reflection: a field added to Page or Step that the file forgets fails here.
        for (path, entry) in snapshot.pages {
            let reloaded = try #require(loaded.pages[path])
            #expect(reloaded.stamps == entry.stamps)
            #expect(ContentDigest.of(reflecting: reloaded.page) == ContentDigest.of(reflecting: entry.page))
        }
        for (path, entry) in snapshot.steps {
            let reloaded = try #require(loaded.steps[path])
            #expect(reloaded.stamps == entry.stamps && reloaded.languages == entry.languages)
            #expect(ContentDigest.of(reflecting: reloaded.step) == ContentDigest.of(reflecting: entry.step))
        }
        #expect(DocumentSnapshot.load(from: file, identity: "another sitegen") == nil)
        try Data("sitegen-documents damaged".utf8).write(to: file)
        #expect(DocumentSnapshot.load(from: file, identity: "test") == nil)
    }

    @Test func aDocumentIsReadAgainOnlyWhenItsFilesStampsChanged() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.backdate(fixture.content)
        let snapshot = DocumentSnapshot(site: try ContentLoader.load(from: fixture.content), stamps: stamps(fixture))

        // 01: other bytes with the same size and modification time — a stamp cannot tell, so it is reused.
        let bind = stepMarkdown(fixture, "01-bind")
        let bindStamp = try #require(FileStamp.of(bind.path))
        let bindText = try String(contentsOf: bind, encoding: .utf8)
        try Data(bindText.replacingOccurrences(of: "Results", with: "Outcome").utf8).write(to: bind)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: Double(bindStamp.modified) / 1e9)], ofItemAtPath: bind.path)
        #expect(FileStamp.of(bind.path) == bindStamp)
        // 02: edited (and old enough to be trusted); 03: a starter file changed.
        try fixture.write("content/courses/demo/02-ping/step.md", "---\ntitle: Answer PING\n---\nNew words.\n")
        try fixture.write("content/courses/demo/03-echo/starter/python/main.py", "# new starter\n")
        try fixture.write("content/pages/about.md", "---\ntitle: About them\n---\nOthers.\n")
        try fixture.backdate(fixture.content.appendingPathComponent("courses/demo/02-ping"))
        try fixture.backdate(fixture.content.appendingPathComponent("courses/demo/03-echo"))
        try fixture.backdate(fixture.content.appendingPathComponent("pages"))

        let site = try ContentLoader.load(from: fixture.content, reusing: snapshot.reusable(with: stamps(fixture)))
        let steps = Dictionary(uniqueKeysWithValues: site.courses[0].steps.map { ($0.id, $0) })
        #expect(steps["01-bind"]?.instructions.contains("Results") == true)
        #expect(steps["02-ping"]?.instructions == "New words.\n")
        #expect(steps["03-echo"]?.starters["python"]?.first?.contents == "# new starter\n")
        #expect(site.pages.first { $0.slug == "about" }?.title == "About them")
    }

    @Test func filesChangedCloseToTheScanAreNeverKept() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        // Just written: their stamps may not show the next write in the same clock tick.
        let snapshot = DocumentSnapshot(site: try ContentLoader.load(from: fixture.content), stamps: stamps(fixture))
        #expect(snapshot.pages.isEmpty && snapshot.steps.isEmpty)
    }

    @Test func aOneEditRebuildShowsTheEditAndRendersOnlyItsPage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.backdate(fixture.content)
        let builder = builder(fixture)
        _ = try await builder.build()
        #expect(FileManager.default.fileExists(atPath: builder.documentsFile.path))
        let before = fixture.pageStamps()
        try fixture.write(
            "content/courses/demo/02-ping/step.md", "---\ntitle: Answer PING\nsummary: Summary of 02-ping\n---\nEdited.\n")
        let report = try await builder.build()
        #expect(report.rendered == 1)
        #expect(fixture.changedPages(since: before) == ["courses/demo/02-ping/index.html"])
        #expect(try fixture.read("courses/demo/02-ping/index.html").contains("Edited."))
        #expect(try fixture.read("courses/demo/01-bind/index.html").contains("Results"))
    }
}
