import Content
import Foundation
import Testing

@Suite("Loading a valid content tree")
struct ContentLoaderTests {
    @Test func loadsSiteConfigPagesAndCourses() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        let site = try ContentLoader.load(from: tree.content)

        #expect(site.config.title == "Test Site")
        #expect(site.config.baseURL == "https://example.org")
        #expect(site.config.graderURL == "https://grader.example.org")
        #expect(
            site.config.nav == [
                NavItem(title: "Home", url: "/", source: SourceLocation(file: "content/site.yml", line: 6))
            ])
        #expect(site.pages.map(\.slug) == ["index"])
        #expect(site.pages[0].title == "Welcome")
        #expect(site.pages[0].source == SourceLocation(file: "content/pages/index.md", line: 5))

        let course = try #require(site.courses.first)
        #expect(course.id == "demo")
        #expect(course.languages == [.python, .javascript])
        #expect(course.order == 2)
        #expect(course.steps.map(\.id) == ["01-bind", "02-ping"])
    }

    @Test func stepsCarryDefaultsFilesAndTests() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        let site = try ContentLoader.load(from: tree.content)
        let (_, bind) = try #require(site.lesson("demo/01-bind"))
        let (_, ping) = try #require(site.lesson("demo/02-ping"))

        #expect(bind.number == 1)
        #expect(bind.timeoutSeconds == 10)
        #expect(bind.valkey == .none)
        #expect(ping.timeoutSeconds == 20)
        #expect(ping.valkey == .standalone)
        #expect(bind.instructions == "Do the thing.\n")
        #expect(bind.instructionsSource == SourceLocation(file: "content/courses/demo/01-bind/step.md", line: 4))
        #expect(bind.starters["python"] == [SourceFile(name: "main.py", contents: "print('starter')\n")])
        #expect(bind.solutions["javascript"] == [SourceFile(name: "main.js", contents: "console.log('solution')\n")])
        #expect(bind.testSource.contains("def test_it"))
    }

    @Test func mainFileComesFirstAndNestedFilesAreKept() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/01-bind/starter/python/aaa.py", "# helper\n")
        try tree.write("courses/demo/01-bind/starter/python/lib/util.py", "# util\n")
        let site = try ContentLoader.load(from: tree.content)
        let step = try #require(site.lesson("demo/01-bind")).step
        #expect(step.starters["python"]?.map(\.name) == ["main.py", "aaa.py", "lib/util.py"])
    }

    @Test func coursesAreOrderedByOrderThenID() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/another/course.yml", "title: Another\nlanguages: [python]\norder: 1\n")
        try tree.write("courses/another/01-start/step.md", "---\ntitle: Start\n---\n")
        try tree.write("courses/another/01-start/starter/python/main.py", "")
        try tree.write("courses/another/01-start/solution/python/main.py", "")
        try tree.write("courses/another/01-start/test.py", "")
        let site = try ContentLoader.load(from: tree.content)
        #expect(site.courses.map(\.id) == ["another", "demo"])
    }

    @Test func aStepIsGradedWithEveryEarlierStepByDefault() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        let site = try ContentLoader.load(from: tree.content)
        let (course, ping) = try #require(site.lesson("demo/02-ping"))
        #expect(course.grading == .cumulative)
        #expect(course.steps(through: ping).map(\.id) == ["01-bind", "02-ping"])
    }

    @Test func aCourseMayGradeEachStepAlone() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/course.yml", "title: Demo\nlanguages: [python, javascript]\ngrading: alone\n")
        let site = try ContentLoader.load(from: tree.content)
        let (course, ping) = try #require(site.lesson("demo/02-ping"))
        #expect(course.grading == .alone)
        #expect(course.steps(through: ping).map(\.id) == ["02-ping"])
    }

    @Test func stepsSortByNumberNotByName() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.writeStep("courses/demo/10-later", title: "Later")
        try tree.writeStep("courses/demo/3-third", title: "Third")
        let site = try ContentLoader.load(from: tree.content)
        #expect(site.courses[0].steps.map(\.number) == [1, 2, 3, 10])
    }

    @Test func windowsLineEndingsAreAccepted() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/01-bind/step.md", "---\r\ntitle: Bind\r\nsummary: Over CRLF\r\n---\r\nBody\r\n")
        let step = try #require(try ContentLoader.load(from: tree.content).lesson("demo/01-bind")).step
        #expect(step.summary == "Over CRLF")
        #expect(step.instructions == "Body\n")
    }
}
