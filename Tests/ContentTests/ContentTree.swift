import Foundation

/// A content folder written into a fresh temporary directory, for loader tests.
struct ContentTree {
    /// The project-like folder holding `content/`.
    let base: URL
    var content: URL { base.appendingPathComponent("content") }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("codealong-course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    /// Writes `text` at `path` below `content/`, creating folders.
    func write(_ path: String, _ text: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: content.appendingPathComponent(path))
    }

    func delete() {
        try? FileManager.default.removeItem(at: base)
    }

    /// A complete, valid site: one page, one course in Python and JavaScript with two steps.
    static func valid() throws -> ContentTree {
        let tree = try ContentTree()
        try tree.write(
            "site.yml",
            """
            title: Test Site
            base_url: https://example.org/
            grader_url: https://grader.example.org
            nav:
              - title: Home
                url: /
            """)
        try tree.write("pages/index.md", "---\ntitle: Welcome\nsummary: Hello\n---\n# Hi\n")
        try tree.write(
            "courses/demo/course.yml",
            "title: Demo\nsummary: A demo course\nlanguages: [python, javascript]\norder: 2\n")
        try tree.writeStep("courses/demo/01-bind", title: "Bind")
        try tree.writeStep("courses/demo/02-ping", title: "Ping", extraFrontMatter: "timeout: 20\nvalkey: standalone\n")
        return tree
    }

    /// A step folder with front matter, a body, starters and solutions for both languages, and tests.
    func writeStep(_ folder: String, title: String, extraFrontMatter: String = "") throws {
        try write("\(folder)/step.md", "---\ntitle: \(title)\n\(extraFrontMatter)---\nDo the thing.\n")
        for kind in ["starter", "solution"] {
            try write("\(folder)/\(kind)/python/main.py", "print('\(kind)')\n")
            try write("\(folder)/\(kind)/javascript/main.js", "console.log('\(kind)')\n")
        }
        try write("\(folder)/test.py", "def test_it():\n    pass\n")
    }
}
