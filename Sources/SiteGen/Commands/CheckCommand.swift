import ArgumentParser
import Course
import Foundation

/// `sitegen check`: validates the content without building; exits 1 when there are problems.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the content: front matter, course and step layout.")

    @Option(help: "The content folder.")
    var content = "content"

    func run() throws {
        do {
            let site = try ContentLoader.load(from: URL(fileURLWithPath: content))
            let steps = site.courses.reduce(0) { $0 + $1.steps.count }
            let counts = [(site.courses.count, "course"), (steps, "step"), (site.pages.count, "page")]
                .map { count, noun in "\(count) \(noun)\(count == 1 ? "" : "s")" }
            print("sitegen: content OK: " + counts.joined(separator: ", "))
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
