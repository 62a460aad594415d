import Foundation

/// Reads `content/courses/<id>/course.yml` and the course's step folders.
struct CourseLoader: Sendable {
    let paths: ContentPaths
    var reusing: (any ReusableDocuments)? = nil

    static let allowedKeys = ["title", "summary", "languages", "order", "grading"]
    static let orderRange = 0...9999

    func load(issues: inout ContentIssues) -> [Course] {
        let folder = paths.root.appendingPathComponent("courses")
        guard FileSystem.isDirectory(folder) else { return [] }
        let courses = FileSystem.entries(of: folder).filter(FileSystem.isDirectory).concurrentLoad(issues: &issues) {
            courseFolder, issues in loadCourse(courseFolder, issues: &issues)
        }
        return courses.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
    }

    private func loadCourse(_ folder: URL, issues: inout ContentIssues) -> Course? {
        let id = folder.lastPathComponent
        Slug.checkFolder(folder, kind: "course", example: "build-your-own-valkey", paths: paths, issues: &issues)
        let definition = folder.appendingPathComponent("course.yml")
        let file = paths.display(definition)
        // A course.yml that does not parse still lets the steps be checked.
        guard
            let fields = YAMLMapping.load(
                definition, as: file, advice: "create it with 'title: …' and 'languages: [python]'",
                allowedKeys: Self.allowedKeys, issues: &issues)
        else { return nil }
        let title = fields?.text("title", required: true, issues: &issues)
        let summary = fields?.text("summary", required: false, issues: &issues) ?? ""
        let order = fields?.integer("order", in: Self.orderRange, issues: &issues) ?? 0
        let grading: StepGrading = fields?.choice("grading", issues: &issues) ?? .cumulative
        let problemsBefore = issues.errors.count
        let languages = fields.map { loadLanguages($0, issues: &issues) } ?? []
        let languagesAreSound = fields != nil && issues.errors.count == problemsBefore

        // Steps are checked even when course.yml is broken, so all problems surface in one run; but a
        // language typo in course.yml would make every step's folders look wrong, so those stay quiet then.
        let stepLoader = StepLoader(
            paths: paths, courseID: id, languages: languages, reportsStrayLanguageFolders: languagesAreSound,
            reusing: reusing)
        let steps = loadSteps(in: folder, with: stepLoader, issues: &issues)

        guard let title, Slug.isValid(id), !languages.isEmpty else { return nil }
        return Course(id: id, title: title, summary: summary, languages: languages, order: order, steps: steps,
            grading: grading)
    }

    /// The course's steps in order, reporting badly named folders, duplicate numbers and an empty course.
    private func loadSteps(in folder: URL, with stepLoader: StepLoader, issues: inout ContentIssues) -> [Step] {
        let stepFolders = FileSystem.entries(of: folder).filter(FileSystem.isDirectory)
        if stepFolders.isEmpty {
            issues.report(paths.location(folder), "course has no steps; add a step folder such as '01-first-step'")
        }
        var steps = stepFolders.concurrentLoad(issues: &issues) { stepFolder, issues -> Step? in
            guard let name = StepFolderName(stepFolder.lastPathComponent) else {
                issues.report(
                    paths.location(stepFolder),
                    "step folder names must be a number, '-', and lowercase words joined by '-' (like '01-bind')")
                return nil
            }
            return stepLoader.load(stepFolder, name: name, issues: &issues)
        }
        steps.sort { $0.number < $1.number }
        reportDuplicateNumbers(steps, in: folder, issues: &issues)
        return steps
    }

    private func loadLanguages(_ fields: YAMLMapping, issues: inout ContentIssues) -> [Language] {
        let allowed = Language.all.filter(\.forCourses).map(\.id)
        guard let entries = fields.list("languages", required: true, issues: &issues) else { return [] }
        if entries.isEmpty {
            issues.report(
                fields.location(of: fields.value("languages")!), field: "languages",
                "must name at least one language; allowed: \(allowed.joined(separator: ", "))")
        }
        var languages: [Language] = []
        for entry in entries {
            let id = entry.scalar?.string ?? ""
            guard let language = Language.named(id), language.forCourses else {
                var message =
                    "unknown language \(YAMLMapping.describeValue(entry)); allowed: \(allowed.joined(separator: ", "))"
                message += Spelling.suggestion(for: id, among: allowed)
                issues.report(fields.location(of: entry), field: "languages", message)
                continue
            }
            guard !languages.contains(language) else {
                issues.report(fields.location(of: entry), field: "languages", "'\(id)' is listed twice")
                continue
            }
            languages.append(language)
        }
        return languages
    }

    private func reportDuplicateNumbers(_ steps: [Step], in folder: URL, issues: inout ContentIssues) {
        let byNumber = Dictionary(grouping: steps, by: \.number)
        for (number, clashing) in byNumber.sorted(by: { $0.key < $1.key }) where clashing.count > 1 {
            let names = clashing.map(\.id).sorted()
            for name in names.dropFirst() {
                issues.report(
                    paths.location(folder.appendingPathComponent(name)),
                    "step number \(number) is also used by '\(names[0])'; each step needs its own number")
            }
        }
    }
}
