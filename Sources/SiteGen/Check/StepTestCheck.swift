import Content
import Foundation
import Sandbox

/// Without Docker, what can be known of each step's `test.py`: that it compiles, and that it
/// defines at least one `@test`. Asks the host's `python3` (the language the tests are in)
/// about every file in one go; without a `python3` it says so and checks nothing.
struct StepTestCheck: Sendable {
    /// A problem of one `test.py`, at a line when it has one.
    struct Problem: Sendable, CustomStringConvertible {
        var location: SourceLocation
        var message: String
        var description: String { "\(location): \(message)" }
    }

    var python = "python3"

    /// The problems of every step's tests, and whether Python could be asked at all.
    func check(_ site: Site) async -> (problems: [Problem], checked: Bool) {
        let steps = site.courses.flatMap(\.steps)
        guard !steps.isEmpty else { return ([], true) }
        let input = steps.map { ["file": $0.testFile, "source": $0.testSource] }
        guard let payload = try? JSONSerialization.data(withJSONObject: input) else { return ([], false) }
        let child = ChildProcess(executable: python, arguments: ["-c", Self.script])
        do { try child.start() } catch { return ([], false) }
        child.send(payload)
        var output = Data()
        for await line in child.lines { output.append(line) }
        guard await child.waitForExit() == 0,
            let found = try? JSONSerialization.jsonObject(with: output) as? [[String: Any]]
        else { return ([], false) }
        let problems = found.map { item in
            Problem(
                location: SourceLocation(file: item["file"] as? String ?? "test.py", line: item["line"] as? Int),
                message: item["message"] as? String ?? "cannot be read")
        }
        return (problems, true)
    }

    /// Reads `[{file, source}]` on stdin, prints `[{file, line, message}]`: syntax errors, and
    /// files where no function is decorated with `test` or `test(...)`.
    static let script = #"""
        import ast, json, sys
        problems = []
        for item in json.load(sys.stdin):
            try:
                tree = ast.parse(item["source"], item["file"])
            except SyntaxError as error:
                problems.append({"file": item["file"], "line": error.lineno, "message": f"does not compile: {error.msg}"})
                continue
            def is_test(node):
                target = node.func if isinstance(node, ast.Call) else node
                return (isinstance(target, ast.Name) and target.id == "test") or (isinstance(target, ast.Attribute) and target.attr == "test")
            tests = [f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(is_test(d) for d in f.decorator_list)]
            if not tests:
                problems.append({"file": item["file"], "line": 1, "message": "defines no @test functions; the grader would have nothing to run (see docs/authoring.md, Step tests)"})
        print(json.dumps(problems))
        """#
}
