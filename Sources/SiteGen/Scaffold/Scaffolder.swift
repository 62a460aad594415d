import Content
import Foundation

/// Writes the skeleton of a new course, step or template into `content/`: every field of its
/// definition, commented, and the files the content loader wants, so that `sitegen check`
/// passes at once and `sitegen check --verify` fails the expected way (the starter fails the
/// example test; the solution is a stub that says so). Never overwrites anything.
struct Scaffolder: Sendable {
    var contentDirectory: URL

    /// A new course `id` in `languages`, with one first step.
    func course(_ id: String, title: String, languages: [Language]) throws(SiteGenError) -> [String] {
        guard Slug.isValid(id) else {
            throw SiteGenError("'\(id)' cannot be a course id: use lowercase words joined by '-' (like 'valkey-streams')")
        }
        guard !languages.isEmpty else { throw SiteGenError("a course needs at least one language (--languages python)") }
        let folder = coursesDirectory.appendingPathComponent(id)
        try mustNotExist(folder, what: "course '\(id)'")
        let order = (existingCourses().count + 1)
        var written = [
            try write(
                folder.appendingPathComponent("course.yml"),
                """
                # The course's name, shown on the home page and in every step's header.
                title: \(title)
                # One sentence under the title on the home page.
                summary: What learners build in this course, in one sentence.
                # The languages every step has a starter, a solution and tests for, in the order the
                # language switch shows them. Allowed: \(Language.all.filter(\.forCourses).map(\.id).joined(separator: ", ")).
                languages: [\(languages.map(\.id).joined(separator: ", "))]
                # Position among the courses on the home page (lower first).
                order: \(order)
                # How a step is graded: cumulative (with the tests of every earlier step, for a
                # course that builds one program step by step) or alone (its own tests only).
                grading: cumulative

                """)
        ]
        written += try step(course: id, folder: "01-first-step", title: "The first step", languages: languages)
        return written
    }

    /// A new step `folder` (`NN-slug`) at the end of `course`, or where its number says.
    func step(course: String, folder: String, title: String) throws(SiteGenError) -> [String] {
        guard let languages = courseLanguages(course) else {
            throw SiteGenError(
                "there is no course '\(course)' in \(coursesDirectory.path); create it with: sitegen new course \(course)")
        }
        return try step(course: course, folder: folder, title: title, languages: languages)
    }

    /// A new code template `name` in `language`.
    func template(_ name: String, language: Language) throws(SiteGenError) -> [String] {
        guard Slug.isValid(name) else {
            throw SiteGenError("'\(name)' cannot be a template name: use lowercase words joined by '-' (like 'python-queue')")
        }
        guard let client = TemplateClient.allCases.first(where: { $0 != .none && $0.languages.contains(language.id) })
        else { throw SiteGenError("no Valkey client for \(language.name) is in the sandbox, so it has no templates") }
        let folder = contentDirectory.appendingPathComponent("templates").appendingPathComponent(name)
        try mustNotExist(folder, what: "template '\(name)'")
        return [
            try write(
                folder.appendingPathComponent("template.yml"),
                """
                # The template's name on the templates page.
                title: \(name.replacingOccurrences(of: "-", with: " ").capitalized)
                # One sentence: what the program shows.
                summary: What this program does with Valkey, in one sentence.
                # The language of its files. Allowed: \(Language.all.map(\.id).joined(separator: ", ")).
                language: \(language.id)
                # The client library it uses. Allowed: \(TemplateClient.allCases.map(\.rawValue).joined(separator: ", ")).
                client: \(client.rawValue)
                # The server it runs against: standalone or cluster (none only for programs without a client).
                valkey: standalone
                # Words for the templates page's filter.
                tags: [example]
                # Position on the templates page (lower first).
                order: 100

                """),
            try write(folder.appendingPathComponent(language.mainFile), ScaffoldFiles.template(language, client: client)),
        ]
    }

    /// Prose for the command `name` (`SET`, `cluster slots`), which `commands` (the server's
    /// facts, as loaded) must know and which must not have prose yet.
    func command(_ name: String, among commands: [ValkeyCommand]) throws(SiteGenError) -> [String] {
        let wanted = name.split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: " ").uppercased()
        guard let command = commands.first(where: { $0.name.uppercased() == wanted }) else {
            let names = commands.map { $0.name.uppercased() }
            throw SiteGenError(
                "the server knows no command '\(wanted)'\(Spelling.suggestion(for: wanted, among: names)); the reference "
                    + "documents what content/commands/facts.json holds (scripts/import_commands.py refreshes it)")
        }
        let file = contentDirectory.appendingPathComponent("commands/\(command.slug.uppercased()).md")
        guard !command.hasProse, !FileManager.default.fileExists(atPath: file.path) else {
            throw SiteGenError("\(command.name) already has its prose at \(file.path); sitegen new never overwrites")
        }
        return [
            try write(
                file,
                """
                ---
                # One sentence in our own words, for the page and the index (this is the server's, to start from).
                summary: \(command.serverSummary.replacingOccurrences(of: "\n", with: " "))
                ---

                What `\(command.name)` is for, and when to reach for it, in Markdown. The page shows the
                facts (usage, arity, group, complexity, history) from the server already: write what
                they do not say.

                ## Examples

                Add a fenced block marked `valkey run` with commands that show \(command.name) at work;
                `sitegen check` checks their arity, and `make check` runs them against a real server.

                """)
        ]
    }

    // MARK: Steps

    private func step(course: String, folder: String, title: String, languages: [Language]) throws(SiteGenError) -> [String] {
        guard let name = StepFolderName(folder) else {
            throw SiteGenError(
                "'\(folder)' cannot be a step folder: write a number, '-', and lowercase words joined by '-' (like '05-echo')")
        }
        let courseFolder = coursesDirectory.appendingPathComponent(course)
        let steps = existingSteps(in: courseFolder)
        if let taken = steps.first(where: { $0.name.number == name.number }) {
            throw SiteGenError(insertionAdvice(course: course, wanted: name, taken: taken.folder, steps: steps))
        }
        let stepFolder = courseFolder.appendingPathComponent(folder)
        var written = [
            try write(
                stepFolder.appendingPathComponent("step.md"),
                """
                ---
                # The step's name, in the course's list and the page title.
                title: \(title)
                # One sentence under the title: what the learner makes work in this step.
                summary: What the learner makes work in this step, in one sentence.
                # Seconds one graded run may take (1-60; default \(Step.defaultTimeoutSeconds)).
                timeout: \(Step.defaultTimeoutSeconds)
                # The Valkey server the run gets: none (the learner's program is the server, or needs
                # none), standalone (127.0.0.1:6379) or cluster (127.0.0.1:7000-7002).
                valkey: none
                ---

                Tell the learner what to build, and why, here: the instructions are Markdown.

                ## What to build

                A program that prints `Hello from \(folder)`.

                """),
            try write(stepFolder.appendingPathComponent("test.py"), ScaffoldFiles.exampleTest(step: folder)),
        ]
        for language in languages {
            written.append(
                try write(
                    stepFolder.appendingPathComponent("starter/\(language.id)/\(language.mainFile)"),
                    ScaffoldFiles.starter(language)))
            written.append(
                try write(
                    stepFolder.appendingPathComponent("solution/\(language.id)/\(language.mainFile)"),
                    ScaffoldFiles.solutionStub(language, step: folder)))
        }
        return written
    }

    /// Why `wanted` cannot be created, and exactly how to make room for it.
    private func insertionAdvice(course: String, wanted: StepFolderName, taken: String, steps: [(folder: String, name: StepFolderName)]) -> String {
        let later = steps.filter { $0.name.number >= wanted.number }.sorted { $0.name.number > $1.name.number }
        let width = max(2, String(steps.map(\.name.number).max() ?? 0).count)
        let courses = coursesDirectory.appendingPathComponent(course).relativePath
        let moves = later.map { step -> String in
            let next = String(format: "%0\(width)d", step.name.number + 1) + "-" + step.name.slug
            return "  git mv \(courses)/\(step.folder) \(courses)/\(next)"
        }
        return """
            step number \(wanted.number) is taken by \(taken) in course '\(course)'; sitegen renumbers nothing by itself, \
            since step folders are URLs learners may have saved. To insert a step there, move the later steps up by \
            one first (last one first), then run this again:
            \(moves.joined(separator: "\n"))
            """
    }

    // MARK: Files

    private var coursesDirectory: URL { contentDirectory.appendingPathComponent("courses") }

    private func existingCourses() -> [String] {
        FileSystem.entries(of: coursesDirectory).filter(FileSystem.isDirectory).map(\.lastPathComponent)
    }

    private func existingSteps(in courseFolder: URL) -> [(folder: String, name: StepFolderName)] {
        FileSystem.entries(of: courseFolder).filter(FileSystem.isDirectory).compactMap { url in
            StepFolderName(url.lastPathComponent).map { (url.lastPathComponent, $0) }
        }
    }

    /// The languages `course.yml` lists, read loosely (the loader reports any problem with it).
    private func courseLanguages(_ course: String) -> [Language]? {
        let file = coursesDirectory.appendingPathComponent(course).appendingPathComponent("course.yml")
        guard let text = FileSystem.text(at: file) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("languages:") } ?? ""
        let words = line.dropFirst("languages:".count).split(whereSeparator: { "[], ".contains($0) }).map(String.init)
        return words.compactMap(Language.named)
    }

    private func mustNotExist(_ folder: URL, what: String) throws(SiteGenError) {
        if FileManager.default.fileExists(atPath: folder.path) {
            throw SiteGenError("\(what) already exists at \(folder.path); sitegen new never overwrites")
        }
    }

    private func write(_ url: URL, _ text: String) throws(SiteGenError) -> String {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw SiteGenError("cannot write \(url.path): \(error.localizedDescription)")
        }
        return url.path
    }
}
