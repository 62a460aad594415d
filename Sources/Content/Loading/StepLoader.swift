import Foundation

/// Reads one step folder: `step.md`, `starter/<language>/`, `solution/<language>/`, `test.py`.
struct StepLoader: Sendable {
    let paths: ContentPaths
    let courseID: String
    /// The course's languages: each needs a starter and a solution in every step.
    let languages: [Language]
    /// Whether a `starter/<id>` folder for a language the course does not list is an error.
    var reportsStrayLanguageFolders = true
    var reusing: (any ReusableDocuments)? = nil

    static let allowedKeys = ["title", "summary", "timeout", "valkey"]
    static let timeoutRange = 1...60

    func load(_ folder: URL, name: StepFolderName, issues: inout ContentIssues) -> Step? {
        // Stray language folders are only checked when the languages are sound, which a reused step's were.
        if reportsStrayLanguageFolders, let step = reusing?.step(from: folder, languages: languages) { return step }
        let document = MarkdownDocument.read(folder.appendingPathComponent("step.md"), paths: paths, issues: &issues)
        let fields = document?.fields
        fields?.checkKeys(allowed: Self.allowedKeys, issues: &issues)
        let title = fields?.text("title", required: true, issues: &issues)
        let summary = fields?.text("summary", required: false, issues: &issues) ?? ""
        let timeout = fields?.integer("timeout", in: Self.timeoutRange, issues: &issues) ?? Step.defaultTimeoutSeconds
        let valkey: ValkeyMode = fields?.choice("valkey", issues: &issues) ?? .none

        let starters = loadCode("starter", in: folder, purpose: "the code the editor opens with", issues: &issues)
        let solutions = loadCode("solution", in: folder, purpose: "the reference solution", issues: &issues)
        let testURL = folder.appendingPathComponent("test.py")
        let testSource = FileSystem.text(at: testURL)
        if testSource == nil {
            issues.report(paths.location(testURL), "missing test.py; every step needs the tests the grader runs")
        }

        if let document { CodeFenceChecker.check(document.body, body: document.bodyLocation, issues: &issues) }

        guard let document, let title, let testSource else { return nil }
        return Step(
            courseID: courseID, id: folder.lastPathComponent, number: name.number, title: title, summary: summary,
            timeoutSeconds: timeout, valkey: valkey, instructions: document.body,
            instructionsSource: document.bodyLocation, starters: starters, solutions: solutions, testSource: testSource)
    }

    /// The files of `starter/` or `solution/` per language id, reporting missing languages and stray folders.
    private func loadCode(
        _ kind: String, in stepFolder: URL, purpose: String, issues: inout ContentIssues
    ) -> [String: [SourceFile]] {
        let folder = stepFolder.appendingPathComponent(kind)
        var code: [String: [SourceFile]] = [:]
        for language in languages {
            let languageFolder = folder.appendingPathComponent(language.id)
            let names = FileSystem.isDirectory(languageFolder) ? FileSystem.files(below: languageFolder) : []
            guard !names.isEmpty else {
                issues.report(
                    paths.location(languageFolder),
                    "missing \(kind) for \(language.name) (\(purpose)); add \(kind)/\(language.id)/\(language.mainFile)"
                )
                continue
            }
            guard names.contains(language.mainFile) else {
                issues.report(
                    paths.location(languageFolder),
                    "has no \(language.mainFile), the file the runner starts for \(language.name); found \(names.joined(separator: ", "))"
                )
                continue
            }
            code[language.id] = SourceFiles.read(
                names, in: languageFolder, mainFile: language.mainFile, paths: paths, issues: &issues)
        }
        guard reportsStrayLanguageFolders else { return code }
        let known = Set(languages.map(\.id))
        for stray in FileSystem.entries(of: folder) where FileSystem.isDirectory(stray) {
            let id = stray.lastPathComponent
            guard !known.contains(id) else { continue }
            let allowed = languages.map(\.id).joined(separator: ", ")
            issues.report(
                paths.location(stray),
                "'\(id)' is not one of this course's languages (\(allowed)); rename the folder or add the language to course.yml"
            )
        }
        return code
    }
}
