import ArgumentParser
import Foundation

/// `sitegen new step <course>/<NN-name>`.
struct NewStepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "A new step: step.md, test.py, and a starter and a solution stub in every course language.",
        discussion: "A number that is taken renumbers nothing: sitegen says how to make room.")

    @OptionGroup var options: ContentOption

    @Argument(help: "<course>/<NN-name>, e.g. build-your-own-valkey/17-streams.")
    var path: String

    @Option(help: "The step's title.")
    var title: String?

    func run() async throws {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 2 else {
            throw ValidationError("'\(path)' is not <course>/<NN-name>; write for example build-your-own-valkey/17-streams")
        }
        let slug = parts[1].drop { $0.isNumber || $0 == "-" }
        let title = title ?? slug.split(separator: "-").map(\.capitalized).joined(separator: " ")
        do {
            let written = try Scaffolder(contentDirectory: URL(fileURLWithPath: options.content))
                .step(course: parts[0], folder: parts[1], title: title)
            ScaffoldReport.print(
                written, next: "write the instructions, the tests and the solution, then run sitegen check --verify --only \(path)")
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
