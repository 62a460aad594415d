@testable import Content
import Foundation
import Testing

@testable import SiteGen

/// `sitegen new`: what it writes passes `sitegen check` at once, it never overwrites, and a step
/// number that is taken renumbers nothing. (Verifying a scaffold with Docker is the authoring
/// walk-through's test: Tests/authoring/test_walkthrough.py.)
@Suite("sitegen new: scaffolding")
struct ScaffoldTests {
    @Test func aNewCourseAndANewStepPassCheckAtOnce() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let scaffolder = Scaffolder(contentDirectory: fixture.content)
        let course = try scaffolder.course("greetings", title: "Greetings", languages: [.python, .javascript])
        #expect(course.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
            == ["course.yml", "main.js", "main.js", "main.py", "main.py", "step.md", "test.py"])
        _ = try scaffolder.step(course: "greetings", folder: "02-second-step", title: "Second step")

        let outcome = try await SiteCheck(sources: SiteSources(contentDirectory: fixture.content, themeDirectory: SiteFixture.theme)).run()
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        let greetings = try #require(outcome.site.courses.first { $0.id == "greetings" })
        #expect(greetings.steps.map(\.id) == ["01-first-step", "02-second-step"])
        #expect(greetings.languages.map(\.id) == ["python", "javascript"])
        #expect(outcome.testsChecked)
        #expect(outcome.testProblems.isEmpty, "\(outcome.testProblems)")
        #expect(outcome.isClean)
    }

    @Test func everyFieldIsWrittenAndCommented() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        _ = try Scaffolder(contentDirectory: fixture.content).course("greetings", title: "Greetings", languages: [.python])
        let courseYML = try String(contentsOf: fixture.content.appendingPathComponent("courses/greetings/course.yml"), encoding: .utf8)
        for field in CourseLoader.allowedKeys { #expect(courseYML.contains("\n\(field): "), "\(field)") }
        let stepMD = try String(
            contentsOf: fixture.content.appendingPathComponent("courses/greetings/01-first-step/step.md"), encoding: .utf8)
        for field in ["title", "summary", "timeout", "valkey"] { #expect(stepMD.contains("\n\(field): ")) }
        #expect(stepMD.components(separatedBy: "\n# ").count > 4, "each field has its comment")
        let stub = try String(
            contentsOf: fixture.content.appendingPathComponent("courses/greetings/01-first-step/solution/python/main.py"),
            encoding: .utf8)
        #expect(stub.contains("stub: the reference solution of 01-first-step is not written yet"))
    }

    @Test func aTakenStepNumberRenumbersNothingAndSaysHowToMakeRoom() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let before = FileSystem.files(below: fixture.content)
        let error = #expect(throws: SiteGenError.self) {
            try Scaffolder(contentDirectory: fixture.content).step(course: "demo", folder: "02-pong", title: "Pong")
        }
        #expect(FileSystem.files(below: fixture.content) == before)
        let message = try #require(error?.message)
        #expect(message.contains("step number 2 is taken by 02-ping in course 'demo'"))
        // The later steps move up, the last one first, so no move lands on a taken folder.
        let moves = message.split(separator: "\n").filter { $0.contains("git mv") }.map { $0.split(separator: " ").suffix(2).map { URL(fileURLWithPath: String($0)).lastPathComponent } }
        #expect(moves == [["03-echo", "04-echo"], ["02-ping", "03-ping"]])
    }

    @Test func namesThatCannotBeURLsAndExistingContentAreRefused() throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let scaffolder = Scaffolder(contentDirectory: fixture.content)
        #expect(throws: SiteGenError.self) { try scaffolder.course("Hello World", title: "x", languages: [.python]) }
        #expect(throws: SiteGenError.self) { try scaffolder.course("demo", title: "x", languages: [.python]) }
        #expect(throws: SiteGenError.self) { try scaffolder.course("fresh", title: "x", languages: []) }
        #expect(throws: SiteGenError.self) { try scaffolder.step(course: "demo", folder: "ping", title: "x") }
        #expect(throws: SiteGenError.self) { try scaffolder.step(course: "nowhere", folder: "01-a", title: "x") }
        #expect(throws: SiteGenError.self) { try scaffolder.template("My Template", language: .python) }
    }

    @Test func aNewTemplatePassesCheck() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let scaffolder = Scaffolder(contentDirectory: fixture.content)
        _ = try scaffolder.template("python-greeting", language: .python)
        _ = try scaffolder.template("node-greeting", language: .javascript)
        let outcome = try await SiteCheck(sources: SiteSources(contentDirectory: fixture.content, themeDirectory: SiteFixture.theme)).run()
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(Set(outcome.site.templates.map(\.name)).isSuperset(of: ["python-greeting", "node-greeting"]))
        #expect(throws: SiteGenError.self) { try scaffolder.template("python-greeting", language: .python) }
    }
}

@Suite("sitegen serve: verifying the step that was saved")
struct ServeVerifyTests {
    @Test func aSavedTestVerifiesTheStepInEveryLanguageAndASolutionInItsOwn() {
        let content = URL(fileURLWithPath: "/site/content")
        let courses = "/site/content/courses"
        let targets = StepChanges.targets(
            [
                "\(courses)/demo/02-ping/solution/python/main.py", "\(courses)/demo/03-echo/solution/javascript/lib/util.js",
                "\(courses)/demo/03-echo/test.py", "\(courses)/demo/02-ping/step.md", "\(courses)/demo/02-ping/starter/python/main.py",
                "/site/content/pages/about.md", "\(courses)/demo/02-ping/solution/python/helper.py",
            ], contentDirectory: content)
        #expect(targets.map(\.description) == ["demo/02-ping (python)", "demo/03-echo"])
    }

    @Test func savingASolutionVerifiesItsStepAfterTheRebuild() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        let asked = LogLines()
        let session = PreviewSession(
            builder: builder(fixture), verify: { targets in for target in targets { asked.append(target.description) } },
            log: { _ in })
        await session.build()
        let now = ContinuousClock.now
        try fixture.write("content/courses/demo/03-echo/solution/javascript/main.js", "console.log('changed')\n")
        try fixture.write("content/pages/about.md", "---\ntitle: About\n---\nChanged.\n")
        _ = await session.poll(at: now)
        #expect(await session.poll(at: now + .seconds(1)) == BuildStatus(id: 2, error: nil))
        await session.verificationsFinished()
        #expect(asked.all == ["demo/03-echo (javascript)"])

        // A change that breaks the build verifies nothing: the author fixes the build first.
        try fixture.write("content/courses/demo/02-ping/step.md", "---\ntitle: Ping\ntimeout: 0\n---\n")
        try fixture.write("content/courses/demo/02-ping/test.py", "from codealong import test\n")
        _ = await session.poll(at: now + .seconds(2))
        _ = await session.poll(at: now + .seconds(3))
        await session.verificationsFinished()
        #expect(asked.all == ["demo/03-echo (javascript)"])
    }
}

@Suite("sitegen check: step tests, without Docker")
struct StepTestCheckTests {
    @Test func aTestFileThatDoesNotCompileOrDefinesNoTestIsAProblemWithItsLine() async throws {
        let fixture = try SiteFixture()
        defer { fixture.delete() }
        try fixture.write("content/courses/demo/02-ping/test.py", "from codealong import test\n\n@test(\"x\")\ndef x(t)\n    pass\n")
        try fixture.write("content/courses/demo/03-echo/test.py", "from codealong import test\n\ndef helper(t):\n    pass\n")
        let outcome = try await SiteCheck(sources: SiteSources(contentDirectory: fixture.content, themeDirectory: SiteFixture.theme)).run()
        let problems = outcome.testProblems.map(\.description)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.first { $0.hasPrefix("content/courses/demo/02-ping/test.py:4") } != nil, "\(problems)")
        #expect(problems.first { $0.hasPrefix("content/courses/demo/03-echo/test.py") && $0.contains("@test") } != nil, "\(problems)")
        #expect(!outcome.isClean)
    }
}

@Suite("sitegen new command")
struct CommandScaffoldTests {
    @Test func proseForACommandTheServerKnowsPassesCheck() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        let site = try ContentLoader.load(from: fixture.content)
        let scaffolder = Scaffolder(contentDirectory: fixture.content)
        let written = try scaffolder.command("cluster slots", among: site.commands)
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["CLUSTER-SLOTS.md"])
        let outcome = try await SiteCheck(sources: SiteSources(contentDirectory: fixture.content, themeDirectory: SiteFixture.theme)).run()
        #expect(outcome.isClean, "\(outcome.problems) \(outcome.testProblems)")
        let page = try #require(outcome.site.commands.first { $0.name == "CLUSTER SLOTS" })
        #expect(page.hasProse)
    }

    @Test func anUnknownCommandGetsADidYouMeanAndProseIsNeverOverwritten() throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        let site = try ContentLoader.load(from: fixture.content)
        let scaffolder = Scaffolder(contentDirectory: fixture.content)
        let unknown = #expect(throws: SiteGenError.self) { try scaffolder.command("ZADDD", among: site.commands) }
        #expect(unknown?.message.contains("the server knows no command 'ZADDD' (did you mean 'ZADD'?)") == true)
        let existing = #expect(throws: SiteGenError.self) { try scaffolder.command("set", among: site.commands) }
        #expect(existing?.message.contains("SET already has its prose") == true)
    }
}
