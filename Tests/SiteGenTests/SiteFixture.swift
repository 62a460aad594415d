import Foundation

/// A small project in a temporary folder — content, the real theme, a stand-in CodeMirror — for build tests.
struct SiteFixture {
    let base: URL
    var content: URL { base.appendingPathComponent("content") }
    var output: URL { base.appendingPathComponent("public") }
    var codeMirror: URL { base.appendingPathComponent("codemirror") }
    /// The repository's own theme, so the tests check what is shipped.
    static let theme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("theme")

    init(baseURL: String = "https://codealong.example", graderURL: String = "") throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("codealong-sitegen-\(UUID().uuidString)")
        try write(
            "content/site.yml",
            "title: Test Along\nbase_url: \(baseURL)\ngrader_url: \"\(graderURL)\"\nnav:\n  - title: Course\n    url: /courses/demo/\n"
        )
        try write("content/pages/index.md", "---\ntitle: Learn by doing\nsummary: The summary\n---\nIntro *text*.\n")
        try write("content/pages/about.md", "---\ntitle: About us\n---\n## Who\n\nPeople.\n")
        try write(
            "content/courses/demo/course.yml",
            "title: Demo course\nsummary: Learn demos\nlanguages: [python, javascript]\n")
        try writeStep("01-bind", title: "Bind a port", body: "## Results\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        try writeStep("02-ping", title: "Answer PING", body: "```python\nprint('</script>')\n```\n")
        try writeStep("03-echo", title: "Echo", body: "Echo it.\n")
        for path in ["lib/codemirror.js", "lib/codemirror.css"] + Self.codeMirrorExtras {
            try write("codemirror/\(path)", "/* \(path) */\n")
        }
    }

    static let codeMirrorExtras = [
        "mode/python/python.js", "mode/javascript/javascript.js", "mode/shell/shell.js", "addon/runmode/runmode.js",
        "addon/edit/matchbrackets.js", "addon/edit/closebrackets.js", "addon/comment/comment.js",
    ]

    func writeStep(_ id: String, title: String, body: String) throws {
        let folder = "content/courses/demo/\(id)"
        try write("\(folder)/step.md", "---\ntitle: \(title)\nsummary: Summary of \(id)\n---\n\(body)")
        try write("\(folder)/starter/python/main.py", "# \(id) starter\nif a < b and c > d:\n    pass\n")
        try write("\(folder)/starter/javascript/main.js", "// \(id) starter </script>\n")
        try write("\(folder)/solution/python/main.py", "SECRET_PY_SOLUTION\n")
        try write("\(folder)/solution/javascript/main.js", "SECRET_JS_SOLUTION\n")
        try write("\(folder)/test.py", "from codealong import test\n\n\n@test(\"SECRET_TESTS\")\ndef secret(t):\n    pass\n")
    }

    func write(_ path: String, _ text: String) throws {
        let url = base.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// Every file below the output folder, relative.
    func outputFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    func delete() {
        try? FileManager.default.removeItem(at: base)
    }
}
