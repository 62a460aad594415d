import Foundation

/// The whole content tree, loaded and validated: what `sitegen` renders and what `grader` grades against.
public struct Site: Sendable {
    public var config: SiteConfig
    public var pages: [Page]
    public var courses: [Course]
    /// The command reference, sorted by name.
    public var commands: [ValkeyCommand]
    /// The code templates, in gallery order.
    public var templates: [CodeTemplate]
    /// The folder the content was loaded from.
    public var contentDirectory: URL

    public init(
        config: SiteConfig, pages: [Page], courses: [Course], commands: [ValkeyCommand] = [],
        templates: [CodeTemplate] = [], contentDirectory: URL
    ) {
        self.config = config
        self.pages = pages
        self.courses = courses
        self.commands = commands
        self.templates = templates
        self.contentDirectory = contentDirectory
    }

    /// The course and step named by a lesson id such as `build-your-own-valkey/02-ping`.
    public func lesson(_ lessonID: String) -> (course: Course, step: Step)? {
        let parts = lessonID.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let course = courses.first(where: { $0.id == parts[0] }),
            let step = course.steps.first(where: { $0.id == parts[1] })
        else { return nil }
        return (course, step)
    }

    /// The command whose page is `/commands/<slug>/`, e.g. `set` or `cluster-slots`.
    public func command(slug: String) -> ValkeyCommand? {
        commands.first { $0.slug == slug }
    }

    /// The template in `content/templates/<name>/`.
    public func template(named name: String) -> CodeTemplate? {
        templates.first { $0.name == name }
    }
}

/// `content/site.yml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    /// Absolute URL the site is published at (used in `sitemap.xml`), without a trailing slash.
    public var baseURL: String
    /// Where pages post submissions; empty means the same origin as the page.
    public var graderURL: String
    public var nav: [NavItem]

    public init(title: String, baseURL: String, graderURL: String, nav: [NavItem]) {
        self.title = title
        self.baseURL = baseURL
        self.graderURL = graderURL
        self.nav = nav
    }
}

/// One entry of the site's navigation bar.
public struct NavItem: Sendable, Equatable {
    public var title: String
    public var url: String
    /// Where its `url` is written in `site.yml`, for link problems.
    public var source: SourceLocation

    public init(title: String, url: String, source: SourceLocation = SourceLocation(file: "site.yml")) {
        self.title = title
        self.url = url
        self.source = source
    }
}

/// A free page: `content/pages/<slug>.md`.
public struct Page: Sendable {
    /// The file name without `.md`; `index` is the home page.
    public var slug: String
    public var title: String
    public var summary: String
    public var markdown: String
    public var source: SourceLocation

    public init(slug: String, title: String, summary: String, markdown: String, source: SourceLocation) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.markdown = markdown
        self.source = source
    }
}

/// A course: `content/courses/<id>/course.yml` and its step folders.
public struct Course: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    /// Languages every step offers a starter, a solution and tests for, in display order.
    public var languages: [Language]
    /// Position among courses on the home page (lower first).
    public var order: Int
    /// Steps in order (by the number their folder name starts with).
    public var steps: [Step]
    /// Whether a step is graded with the tests of every earlier step too.
    public var grading: StepGrading

    public init(
        id: String, title: String, summary: String, languages: [Language], order: Int, steps: [Step],
        grading: StepGrading = .cumulative
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.languages = languages
        self.order = order
        self.steps = steps
        self.grading = grading
    }

    /// The steps a submission for `step` is graded on: every step up to and including it, in
    /// order; or the step alone, in a course whose steps are programs of their own.
    public func steps(through step: Step) -> [Step] {
        switch grading {
        case .cumulative: steps.filter { $0.number <= step.number }
        case .alone: [step]
        }
    }
}

/// Which Valkey server a run gets inside the sandbox.
public enum ValkeyMode: String, Sendable, CaseIterable, Codable {
    case none
    case standalone
    case cluster
}

/// One step of a course: `content/courses/<course>/<NN-slug>/`.
public struct Step: Sendable {
    public var courseID: String
    /// The folder name, e.g. `02-ping`.
    public var id: String
    /// The number the folder name starts with.
    public var number: Int
    public var title: String
    public var summary: String
    /// Wall-clock limit for one graded run of this step, in seconds.
    public var timeoutSeconds: Int
    /// A step's limit when its front matter sets none; playground runs get it too. The runner's
    /// default (`runner/submission-rules.json`) is checked against it.
    public static let defaultTimeoutSeconds = 10
    public var valkey: ValkeyMode
    /// The instructions: `step.md` after its front matter.
    public var instructions: String
    /// Where the instructions start in `step.md`, for error messages about them.
    public var instructionsSource: SourceLocation
    /// What the editor opens with, per language id.
    public var starters: [String: [SourceFile]]
    /// The reference solution per language id. Never published.
    public var solutions: [String: [SourceFile]]
    /// `test.py`: the step's tests, written against the runner's tester library.
    public var testSource: String
    /// Where `testSource` was read from, as problems name it (`content/courses/…/test.py`).
    public var testFile: String { (instructionsSource.file as NSString).deletingLastPathComponent + "/test.py" }

    public init(
        courseID: String, id: String, number: Int, title: String, summary: String, timeoutSeconds: Int,
        valkey: ValkeyMode, instructions: String, instructionsSource: SourceLocation,
        starters: [String: [SourceFile]], solutions: [String: [SourceFile]], testSource: String
    ) {
        self.courseID = courseID
        self.id = id
        self.number = number
        self.title = title
        self.summary = summary
        self.timeoutSeconds = timeoutSeconds
        self.valkey = valkey
        self.instructions = instructions
        self.instructionsSource = instructionsSource
        self.starters = starters
        self.solutions = solutions
        self.testSource = testSource
    }

    /// `course/step`, the id the API and the pages use.
    public var lessonID: String { "\(courseID)/\(id)" }
}

/// A file of a starter, a solution or a template.
public struct SourceFile: Sendable, Hashable, Codable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// A language learners can write in. The runner knows how to launch each one.
///
/// This table is the one definition: the grader validates with it, sitegen checks code fences
/// with it and embeds it in every page for the theme's scripts (`languages.js`), and the
/// runner's own table (`runner/languages.json`) is checked against it by `LanguageTableTests`.
public struct Language: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The file the runner launches, e.g. `main.py`.
    public var mainFile: String
    /// CodeMirror 5 mode name.
    public var editorMode: String
    /// Whether course steps can be written in it (the `valkey` command language is playground-only).
    public var forCourses: Bool
    /// Other words a code fence may name it by (```` ```py ````).
    public var aliases: [String] = []
    /// File name endings of its source files, for highlighting (`py`).
    public var extensions: [String] = []
    /// Its code goes to a Valkey server, so it cannot run without one.
    public var needsServer = false

    public static let python = Language(
        id: "python", name: "Python", mainFile: "main.py", editorMode: "python", forCourses: true,
        aliases: ["py"], extensions: ["py"])
    public static let javascript = Language(
        id: "javascript", name: "JavaScript", mainFile: "main.js", editorMode: "javascript", forCourses: true,
        aliases: ["js"], extensions: ["js", "mjs", "cjs"])
    public static let valkey = Language(
        id: "valkey", name: "Valkey commands", mainFile: "commands.valkey", editorMode: "valkey", forCourses: false,
        extensions: ["valkey"], needsServer: true)

    /// Every language the runner supports, in display order.
    public static let all: [Language] = [.python, .javascript, .valkey]

    /// The language an id or an alias names.
    public static func named(_ word: String) -> Language? {
        all.first { $0.id == word || $0.aliases.contains(word) }
    }

    /// The language of a source file, by its name's ending.
    public static func ofFile(_ name: String) -> Language? {
        let ending = name.split(separator: ".").last.map(String.init) ?? ""
        return all.first { $0.extensions.contains(ending) }
    }

    /// The server a run gets when it does not say: none, unless the language cannot run without one.
    public var defaultServer: ValkeyMode { needsServer ? .standalone : .none }
}

/// A place in a content file: its path as an author types it from the project root
/// (`content/courses/…/step.md`, i.e. relative to the content folder's parent) and, when known, a 1-based line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// One problem in the content, phrased for the author: where it is, which field, what is allowed.
public struct ContentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// The front-matter or YAML field at fault, if the problem is about one.
    public var field: String?
    public var message: String

    public init(_ location: SourceLocation, field: String? = nil, _ message: String) {
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(location): field '\(field)': \(message)" }
        return "\(location): \(message)"
    }
}

/// Every problem found while loading the content, so an author fixes them in one pass.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ContentError]

    public init(_ errors: [ContentError]) { self.errors = errors }

    public var description: String {
        let noun = errors.count == 1 ? "problem" : "problems"
        return "\(errors.count) content \(noun):\n" + errors.map { "  \($0)" }.joined(separator: "\n")
    }
}
