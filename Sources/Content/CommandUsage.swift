/// Which lessons use which commands, read from the course steps themselves so a command page's "used in" list
/// never has to be typed: a step uses a command when its instructions link to the command's page, name it in
/// code (`` `HSET key field value` ``, a line of a code block), or its `test.py` sends it (`("HSET", …`).
public struct CommandUsage: Sendable {
    /// A lesson that uses a command.
    public struct Lesson: Sendable, Equatable, Hashable {
        public var courseID: String
        public var courseTitle: String
        public var stepID: String
        public var stepTitle: String

        public var lessonID: String { "\(courseID)/\(stepID)" }
    }

    /// The lessons of each command, by the command's slug, in course and step order.
    public private(set) var lessons: [String: [Lesson]] = [:]

    public init(site: Site) {
        let names = CommandNames(site.commands)
        for course in site.courses.sorted(by: { ($0.order, $0.id) < ($1.order, $1.id) }) {
            for step in course.steps {
                let lesson = Lesson(
                    courseID: course.id, courseTitle: course.title, stepID: step.id, stepTitle: step.title)
                for slug in Self.commands(in: step, names: names) {
                    lessons[slug, default: []].append(lesson)
                }
            }
        }
    }

    /// The slugs of the commands `step` uses, sorted.
    static func commands(in step: Step, names: CommandNames) -> [String] {
        var found = Set<String>()
        // Links to command pages.
        for match in step.instructions.matches(of: /\]\(\/commands\/([a-z0-9_-]+)\/?[)#]/) {
            let slug = String(match.1)
            if names.slugs.contains(slug) { found.insert(slug) }
        }
        // Code: inline spans and the lines of code blocks, by their first words.
        for span in step.instructions.matches(of: /`([^`\n]+)`/) {
            if let slug = names.command(startingWords(span.1)) { found.insert(slug) }
        }
        var inFence = false
        for line in step.instructions.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
            } else if inFence, let slug = names.command(startingWords(trimmed)) {
                found.insert(slug)
            }
        }
        // Tests: a command name in capitals opening a call or a tuple, `("HSET", key …` or `("CLUSTER", "SLOTS")`.
        for match in step.testSource.matches(of: /\(\s*["']([A-Z][A-Z0-9_]*)["'](?:\s*,\s*["']([A-Z][A-Z0-9-]*)["'])?/) {
            let words = [String(match.1)] + (match.2.map { [String($0)] } ?? [])
            if let slug = names.command(words) { found.insert(slug) }
        }
        return found.sorted()
    }

    /// The first two words of `text` when they look like a command typed in capitals (`HSET key …` → `HSET`, `key`).
    static func startingWords(_ text: Substring) -> [String] {
        text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).prefix(2).map(String.init)
    }
}
