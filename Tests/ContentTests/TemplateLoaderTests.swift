import Content
import Foundation
import Testing

@Suite("Code templates")
struct TemplateLoaderTests {
    let definition = "content/templates/cache/template.yml"

    func writeTemplate(_ tree: ContentTree, yaml: String, files: [String: String] = ["main.py": "print('hi')\n"]) throws
    {
        try tree.write("templates/cache/template.yml", yaml)
        for (name, text) in files { try tree.write("templates/cache/\(name)", text) }
    }

    let validYAML = """
        title: Cache-aside
        summary: Cache with a TTL.
        language: python
        client: valkey-py
        valkey: standalone
        tags: [caching, ttl]
        """

    @Test func loadsFieldsFilesAndReadme() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(
            tree, yaml: validYAML,
            files: ["main.py": "print('hi')\n", "helpers.py": "X = 1\n", "README.md": "Read *me*.\n"])
        let site = try ContentLoader.load(from: tree.content)
        let template = try #require(site.template(named: "cache"))
        #expect(template.title == "Cache-aside")
        #expect(template.language == .python && template.client == .valkeyPy && template.valkey == .standalone)
        #expect(template.tags == ["caching", "ttl"])
        #expect(template.files.map(\.name) == ["main.py", "helpers.py"])
        #expect(template.mainFile?.contents == "print('hi')\n")
        #expect(template.readme == "Read *me*.\n")
    }

    @Test func missingMainFileSaysWhichFileTheRunnerStarts() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(tree, yaml: validYAML, files: ["app.py": ""])
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/templates/cache")
        #expect(error.message.contains("has no main.py"))
    }

    @Test func clientMustBelongToTheLanguage() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(
            tree, yaml: validYAML.replacingOccurrences(of: "client: valkey-py", with: "client: node-redis"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: definition, line: 4))
        #expect(error.field == "client")
        #expect(
            error.message == "'node-redis' is not a Python client; for python use one of valkey-py, valkey-glide, none")
    }

    @Test func unknownLanguageAndClientListTheAllowedValues() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(
            tree,
            yaml: validYAML.replacingOccurrences(of: "language: python", with: "language: pyton")
                .replacingOccurrences(of: "client: valkey-py", with: "client: redis-py"))
        let errors = loadErrors(tree)
        let language = try #require(errors.first { $0.field == "language" })
        #expect(language.location.line == 3)
        #expect(language.message.contains("must be one of python, javascript, valkey, found 'pyton'"))
        #expect(language.message.contains("did you mean 'python'?"))
        let client = try #require(errors.first { $0.field == "client" })
        #expect(client.message == "must be one of valkey-py, valkey-glide, node-redis, none, found 'redis-py'")
    }

    @Test func rawCommandsNeedAServer() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(
            tree, yaml: "title: Tour\nsummary: Commands.\nlanguage: valkey\n", files: ["commands.valkey": "PING\n"])
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.field == "valkey")
        #expect(error.location == SourceLocation(file: definition, line: 1))
        #expect(error.message.contains("Valkey commands need a server"))
    }

    @Test func missingTitleAndBadTagsAreReported() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(tree, yaml: "summary: S\nlanguage: python\ntags: [Caching]\n")
        let errors = loadErrors(tree)
        #expect(errors.contains { $0.field == "title" && $0.message.contains("missing") })
        #expect(
            errors.contains {
                $0.field == "tags" && $0.location.line == 3 && $0.message.contains("'Caching' is not a tag")
            })
        #expect(errors.count == 2)
    }

    @Test func nestedFilesAreRejected() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try writeTemplate(tree, yaml: validYAML, files: ["main.py": "", "lib/util.py": ""])
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/templates/cache/lib/util.py")
        #expect(error.message.contains("plain names"))
    }
}

@Suite("Code fences")
struct CodeFenceTests {
    @Test func infoStringsAreReadAsLanguageAndOptions() {
        let python = CodeFence(infoString: "python run valkey=standalone")
        #expect(python.language == "python" && python.isRunnable && python.valkey == .standalone)
        #expect(CodeFence(infoString: "valkey run").runValkey == .standalone)
        #expect(CodeFence(infoString: "javascript run").runValkey == ValkeyMode.none)
        #expect(!CodeFence(infoString: "text").isRunnable)
        #expect(CodeFence(infoString: "shell").problem(infoString: "shell") == nil)
    }

    @Test func runnableFencesMustBeRunnable() {
        #expect(CodeFence(infoString: "sh run").problem(infoString: "sh run")?.contains("found 'sh'") == true)
        #expect(
            CodeFence(infoString: "python run fast").problem(infoString: "python run fast")?.contains(
                "unknown word 'fast'")
                == true)
        #expect(
            CodeFence(infoString: "python run valkey=big").problem(infoString: "python run valkey=big")?.contains(
                "allowed: none, standalone, cluster") == true)
        #expect(
            CodeFence(infoString: "valkey run valkey=none").problem(infoString: "valkey run valkey=none")?.contains(
                "need a server") == true)
    }

    @Test func stepsAndPagesAreCheckedToo() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "courses/demo/02-ping/step.md",
            "---\ntitle: Ping\n---\nText.\n\n```python run\nprint(1)\n```\n\n~~~ruby run\nputs 1\n~~~\n\n````\n```bash run\n````\n"
        )
        let error = try #require(onlyError(loadErrors(tree)))
        // Line 10 of the file; the ```bash run inside the four-backtick fence is content, not a fence.
        #expect(error.location == SourceLocation(file: "content/courses/demo/02-ping/step.md", line: 10))
    }

    @Test func reservedPageNamesAreRejected() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("pages/commands.md", "---\ntitle: Commands\n---\n")
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/pages/commands.md")
        #expect(error.message.contains("/commands/"))
    }
}
