import ArgumentParser
import Content
import Foundation

/// `sitegen new course <id>`.
struct NewCourseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "A new course with its course.yml and a first step.")

    @OptionGroup var options: ContentOption

    @Argument(help: "The course id, lowercase words joined by '-' (it becomes the course's URL).")
    var id: String

    @Option(help: "The course's title.")
    var title: String?

    @Option(help: "The course's languages, comma-separated.")
    var languages = "python,javascript"

    func run() async throws {
        let chosen = languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let allowed = Language.all.filter(\.forCourses)
        var picked: [Language] = []
        for id in chosen {
            guard let language = Language.named(id), language.forCourses else {
                throw ValidationError(
                    "--languages: '\(id)' is not a course language; allowed: \(allowed.map(\.id).joined(separator: ", "))")
            }
            picked.append(language)
        }
        let title = title ?? id.split(separator: "-").map(\.capitalized).joined(separator: " ")
        do {
            let written = try Scaffolder(contentDirectory: URL(fileURLWithPath: options.content))
                .course(id, title: title, languages: picked)
            ScaffoldReport.print(written, next: "fill in course.yml and the first step, then run sitegen check")
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
