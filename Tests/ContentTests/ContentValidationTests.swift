import Content
import Foundation
import Testing

/// Loads `tree` expecting it to fail, and returns the problems.
func loadErrors(_ tree: ContentTree) -> [ContentError] {
    do {
        _ = try ContentLoader.load(from: tree.content)
        Issue.record("expected content errors, but the tree loaded")
        return []
    } catch {
        return error.errors
    }
}

/// The one error about `file`, checked to be the only one.
func onlyError(_ errors: [ContentError], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ContentError? {
    #expect(errors.count == 1, "errors: \(errors)", sourceLocation: sourceLocation)
    return errors.first
}

@Suite("Content errors name the file, line and field")
struct ContentValidationTests {
    let stepFile = "content/courses/demo/02-ping/step.md"

    @Test func yamlSyntaxErrorIsReportedAtItsLineInTheFile() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "courses/demo/02-ping/step.md", "---\ntitle: Ping\nsummary: \"unterminated\ntimeout: 5\n---\nBody\n")
        let error = try #require(onlyError(loadErrors(tree)))
        // The string opened on line 3 of the file runs to the end of the front matter, where Yams gives up.
        #expect(error.location == SourceLocation(file: stepFile, line: 4))
        #expect(error.message.hasPrefix("invalid YAML: "))
        #expect(error.message.hasSuffix("(while scanning a quoted scalar at line 3)"))
    }

    @Test func yamlErrorLineIsOffsetByTheFrontMatterStart() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        // Line 4 of the file (line 3 of the YAML) has a bad indentation.
        try tree.write("courses/demo/02-ping/step.md", "---\ntitle: Ping\nsummary: fine\n  - nope: [\n---\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == stepFile)
        #expect(error.location.line == 4)
    }

    @Test func missingTitleNamesTheField() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/02-ping/step.md", "---\nsummary: no title here\n---\nBody\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: stepFile, line: 2))
        #expect(error.field == "title")
        #expect(error.description == "\(stepFile):2: field 'title': missing; add 'title: …' (text)")
    }

    @Test func unknownKeySaysWhichKeysAreAllowed() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/02-ping/step.md", "---\ntitle: Ping\ntimout: 5\n---\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: stepFile, line: 3))
        #expect(error.field == "timout")
        #expect(error.message.contains("allowed keys: title, summary, timeout, valkey"))
        #expect(error.message.contains("did you mean 'timeout'?"))
    }

    @Test func timeoutOutsideItsRangeIsRejected() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/02-ping/step.md", "---\ntitle: Ping\n\ntimeout: 90\n---\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: stepFile, line: 4))
        #expect(error.field == "timeout")
        #expect(error.message == "must be from 1 to 60, found 90")
    }

    @Test func mistypedFieldsSayWhatIsExpected() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/02-ping/step.md", "---\ntitle: [a, b]\ntimeout: \"10\"\nvalkey: clustr\n---\n")
        let errors = loadErrors(tree)
        #expect(errors.count == 3)
        #expect(errors.contains { $0.field == "title" && $0.location.line == 2 && $0.message.contains("must be text") })
        #expect(
            errors.contains { $0.field == "timeout" && $0.location.line == 3 && $0.message.contains("whole number") })
        #expect(
            errors.contains {
                $0.field == "valkey" && $0.location.line == 4
                    && $0.message == "must be one of none, standalone, cluster, found 'clustr' (did you mean 'cluster'?)"
            })
    }

    @Test func unknownLanguageListsTheAllowedOnes() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/course.yml", "title: Demo\nlanguages:\n  - python\n  - ruby\n  - valkey\n")
        let errors = loadErrors(tree)
        let file = "content/courses/demo/course.yml"
        let ruby = try #require(errors.first { $0.location == SourceLocation(file: file, line: 4) })
        #expect(ruby.field == "languages")
        #expect(ruby.message.contains("unknown language 'ruby'; allowed: python, javascript"))
        // `valkey` exists but is playground-only.
        #expect(errors.contains { $0.location == SourceLocation(file: file, line: 5) })
        // The typo is the one problem: the steps' folders are not blamed for it.
        #expect(errors.count == 2)
    }

    @Test func languagePrefixesGetASuggestion() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/course.yml", "title: Demo\nlanguages: [pyth, javascript]\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.message.hasSuffix("(did you mean 'python'?)"))
    }

    @Test func unknownGradingSaysWhichAreAllowed() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/course.yml", "title: Demo\nlanguages: [python, javascript]\ngrading: alon\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: "content/courses/demo/course.yml", line: 3))
        #expect(error.field == "grading")
        #expect(error.message == "must be one of cumulative, alone, found 'alon' (did you mean 'alone'?)")
    }

    @Test func starterForALanguageTheCourseDoesNotList() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("courses/demo/01-bind/starter/pyhton/main.py", "")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/courses/demo/01-bind/starter/pyhton")
        #expect(error.message.contains("not one of this course's languages (python, javascript)"))
    }

    @Test func stepWithoutStarterOrSolutionForACourseLanguage() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.remove("courses/demo/02-ping/starter/javascript")
        try tree.remove("courses/demo/02-ping/solution/python/main.py")
        try tree.write("courses/demo/02-ping/solution/python/server.py", "")
        let errors = loadErrors(tree)
        #expect(errors.count == 2)
        #expect(
            errors.contains {
                $0.location.file == "content/courses/demo/02-ping/starter/javascript"
                    && $0.message.contains("missing starter for JavaScript")
            })
        #expect(
            errors.contains {
                $0.location.file == "content/courses/demo/02-ping/solution/python"
                    && $0.message.contains("has no main.py")
            })
    }

    @Test func missingTestFile() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.remove("courses/demo/01-bind/test.py")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/courses/demo/01-bind/test.py")
        #expect(error.message.contains("missing test.py"))
    }

    @Test func duplicateStepNumbers() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.writeStep("courses/demo/02-pong", title: "Pong")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/courses/demo/02-pong")
        #expect(error.message.contains("step number 2 is also used by '02-ping'"))
    }

    @Test func badStepFolderName() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.writeStep("courses/demo/ping", title: "Ping")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/courses/demo/ping")
        #expect(error.message.contains("like '01-bind'"))
    }

    @Test func missingFrontMatter() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("pages/about.md", "# About\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: "content/pages/about.md", line: 1))
        #expect(error.message.contains("missing front matter"))
    }

    @Test func unclosedFrontMatter() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("pages/about.md", "---\ntitle: About\n# About\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: "content/pages/about.md", line: 1))
        #expect(error.message.contains("never closed"))
    }

    @Test func siteConfigProblems() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "site.yml",
            "title: Site\nbase_url: example.org\nnav:\n  - title: Home\n  - url: /x\n    colour: red\ntitle: Again\n")
        let errors = loadErrors(tree)
        // A duplicate key is a YAML error and stops the reading of that file.
        let error = try #require(onlyError(errors))
        #expect(error.location.file == "content/site.yml")
        #expect(error.message.contains("'title' appears more than once"))

        try tree.write(
            "site.yml", "title: Site\nbase_url: example.org\nnav:\n  - title: Home\n  - url: /x\n    colour: red\n")
        let next = loadErrors(tree)
        #expect(next.contains { $0.field == "base_url" && $0.location.line == 2 && $0.message.contains("http") })
        #expect(next.contains { $0.field == "url" && $0.location.line == 4 })
        #expect(next.contains { $0.field == "title" && $0.location.line == 5 })
        #expect(next.contains { $0.field == "colour" && $0.location.line == 6 && $0.message.contains("title, url") })
    }

    @Test func missingSiteConfig() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.remove("site.yml")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/site.yml")
    }

    @Test func everyProblemIsReportedInOneRun() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("pages/about.md", "---\ntitel: About\n---\n")
        try tree.write("courses/demo/01-bind/step.md", "---\ntitle: Bind\nvalkey: maybe\n---\n")
        try tree.remove("courses/demo/02-ping/test.py")
        let errors = loadErrors(tree)
        let files = Set(errors.map(\.location.file))
        #expect(
            files == [
                "content/pages/about.md", "content/courses/demo/01-bind/step.md",
                "content/courses/demo/02-ping/test.py",
            ])
        #expect(errors.count == 4)  // about.md: unknown 'titel' and missing 'title'
    }

    @Test func missingContentFolder() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)")
        #expect(throws: ContentErrors.self) { try ContentLoader.load(from: missing) }
    }
}
