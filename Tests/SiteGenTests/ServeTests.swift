import Foundation
import Testing

@testable import SiteGen

@Suite("sitegen serve: watching, rebuilding, live reload")
struct ServeTests {
    @Test func theDebouncerWaitsForTheTreeToSettle() {
        let start = ContinuousClock.now
        let a = FileStamps(stamps: ["/c/a.md": FileStamp(size: 1, modified: 1)])
        let b = FileStamps(stamps: ["/c/a.md": FileStamp(size: 2, modified: 2)])
        let c = FileStamps(stamps: ["/c/a.md": FileStamp(size: 3, modified: 3)])
        var debouncer = ChangeDebouncer(quiet: .milliseconds(200), built: a)
        #expect(debouncer.observe(a, at: start) == nil)
        #expect(debouncer.observe(b, at: start + .milliseconds(10)) == nil)
        #expect(debouncer.observe(b, at: start + .milliseconds(100)) == nil)
        // Still changing: the wait starts again.
        #expect(debouncer.observe(c, at: start + .milliseconds(150)) == nil)
        #expect(debouncer.observe(c, at: start + .milliseconds(300)) == nil)
        #expect(debouncer.observe(c, at: start + .milliseconds(350)) == c)
        debouncer.didBuild(c)
        #expect(debouncer.observe(c, at: start + .milliseconds(900)) == nil)
    }

    @Test func fileStampsNoticeEditsAdditionsAndRemovals() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let before = FileStamps.scan([fixture.content])
        #expect(before.stamps.keys.contains(fixture.content.appendingPathComponent("pages/about.md").path))
        try fixture.write("content/pages/about.md", "---\ntitle: About them\n---\nChanged.\n")
        try fixture.write("content/pages/new.md", "---\ntitle: New\n---\n")
        try fixture.write("content/pages/.about.md.swp", "editor noise")
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("pages/index.md"))
        let changes = FileStamps.scan([fixture.content]).changes(since: before).map {
            URL(fileURLWithPath: $0).lastPathComponent
        }
        #expect(changes == ["about.md", "index.md", "new.md"])
    }

    @Test func aSavedChangeIsRebuiltAndAnnounced() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let lines = LogLines()
        let session = PreviewSession(builder: builder(fixture)) { lines.append($0) }
        let first = await session.build()
        #expect(first == BuildStatus(id: 1, error: nil))
        let updates = await session.broadcaster.subscribe()
        var iterator = updates.makeAsyncIterator()
        #expect(await iterator.next() == first)

        let now = ContinuousClock.now
        #expect(await session.poll(at: now) == nil)  // nothing changed
        try fixture.write(
            "content/courses/demo/02-ping/step.md", "---\ntitle: Answer PING\n---\nBrand new instructions.\n")
        #expect(await session.poll(at: now + .milliseconds(1)) == nil)  // changed, not settled yet
        let rebuilt = await session.poll(at: now + .seconds(1))
        #expect(rebuilt == BuildStatus(id: 2, error: nil))
        #expect(await iterator.next() == rebuilt)
        #expect(try fixture.read("courses/demo/02-ping/index.html").contains("Brand new instructions."))
        #expect(lines.all.last?.contains("content/courses/demo/02-ping/step.md changed: ") == true)
    }

    @Test func aBrokenBuildIsReportedAndTheLastGoodOutputStays() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let session = PreviewSession(builder: builder(fixture)) { _ in }
        await session.build()
        try fixture.write("content/courses/demo/02-ping/step.md", "---\ntitle: Ping\ntimeout: 0\n---\n")
        let broken = await session.build()
        #expect(broken.id == 1)
        #expect(broken.error?.contains("content/courses/demo/02-ping/step.md:3: field 'timeout'") == true)
        #expect(fixture.exists("courses/demo/02-ping/index.html"))
        try fixture.writeStep("02-ping", title: "Answer PING", body: "Fixed.\n")
        #expect(await session.build() == BuildStatus(id: 2, error: nil))
    }

    @Test func servedPagesGetTheLiveReloadScriptButBuiltFilesDoNot() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("index.html")
        #expect(!html.contains("__sitegen"))
        let served = LiveReload.inject(into: html, buildID: 7)
        #expect(served.contains(#"<script src="/__sitegen/live-reload.js" data-build="7"></script>"# + "\n</body>"))
        #expect(LiveReload.script.contains(LiveReload.eventsPath))
    }

    @Test func requestPathsMapIntoTheOutputFolderOnly() {
        #expect(PreviewPath.sitePath("/", root: "") == "")
        #expect(PreviewPath.sitePath("/courses/a%20b/", root: "") == "courses/a b/")
        #expect(PreviewPath.sitePath("/learn/about/", root: "/learn") == "about/")
        #expect(PreviewPath.sitePath("/about/", root: "/learn") == nil)
        #expect(PreviewPath.sitePath("/../etc/passwd", root: "") == nil)
        #expect(PreviewPath.sitePath("/%2e%2e/x", root: "") == nil)
        #expect(PreviewPath.sitePath("/.sitegen-files", root: "") == nil)
    }
}

/// Collects the lines a preview session prints.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
