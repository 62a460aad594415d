import ArgumentParser
import Content
import Foundation

/// `sitegen new template <name>`.
struct NewTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "A new code template: template.yml and a program to start from.")

    @OptionGroup var options: ContentOption

    @Argument(help: "The template's name, lowercase words joined by '-' (it becomes its URL).")
    var name: String

    @Option(help: "The template's language.")
    var language = "python"

    func run() async throws {
        guard let chosen = Language.named(language) else {
            throw ValidationError(
                "--language: '\(language)' is not a language; allowed: \(Language.all.map(\.id).joined(separator: ", "))")
        }
        do {
            let written = try Scaffolder(contentDirectory: URL(fileURLWithPath: options.content)).template(name, language: chosen)
            ScaffoldReport.print(written, next: "fill in template.yml and the program, then run sitegen check")
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
