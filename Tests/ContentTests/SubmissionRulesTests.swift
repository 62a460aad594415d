import Content
import Foundation
import Testing

/// `SubmissionRules` (the grader and sitegen) and `runner/submission-rules.json` (the runner)
/// are one rule: this fails when they drift apart.
@Suite struct SubmissionRulesTests {
    struct RulesFile: Decodable {
        struct FileName: Decodable {
            var pattern: String
            var mustNotContain: String
        }
        var fileName: FileName
        var maxFiles: Int
        var defaultTimeoutSeconds: Int
        var busyMachineCredit: Double
    }

    static let rulesFile: RulesFile = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("runner/submission-rules.json")
        return try! JSONDecoder().decode(RulesFile.self, from: Data(contentsOf: url))
    }()

    static let names = [
        "main.py", "main.js", "helper_2.py", "_private.py", "Makefile", "a.b.c", "x-y", "a", "A9",
        String(repeating: "a", count: 100), String(repeating: "a", count: 101),
        "", ".", "..", ".hidden", "-rf", "a..b", "a/b.py", "../etc/passwd", "a b.py", "é.py", "main.py\n",
        "a\\b", "a:b", "*", "a\u{0}b", "ａ.py", "name.", "name-",
    ]

    @Test(arguments: names)
    func swiftAndTheRunnerAgreeOn(_ name: String) throws {
        let rules = Self.rulesFile
        let regex = try Regex(rules.fileName.pattern)
        let runnerAccepts = (try? regex.wholeMatch(in: name)) != nil && !name.contains(rules.fileName.mustNotContain)
        #expect(SubmissionRules.isValidFileName(name) == runnerAccepts, "\(name.debugDescription)")
    }

    @Test func theFileLimitAndTheDefaultTimeoutAreTheSame() {
        #expect(SubmissionRules.maxFiles == Self.rulesFile.maxFiles)
        #expect(Step.defaultTimeoutSeconds == Self.rulesFile.defaultTimeoutSeconds)
        #expect(SubmissionRules.busyMachineCredit == Self.rulesFile.busyMachineCredit)
    }

    @Test func bothSidesRejectSomethingAndAcceptSomething() {
        #expect(SubmissionRules.isValidFileName("main.py"))
        #expect(!SubmissionRules.isValidFileName("../etc/passwd"))
    }
}
