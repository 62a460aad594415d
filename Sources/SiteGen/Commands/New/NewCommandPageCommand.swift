import ArgumentParser
import Content
import Foundation

/// `sitegen new command <NAME>`.
struct NewCommandPageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "command",
        abstract: "Prose for a command of the reference: content/commands/<NAME>.md, for a command the server knows.")

    @OptionGroup var options: ContentOption

    @Argument(help: "The command, as the server names it: SET, 'CLUSTER SLOTS' or CLUSTER-SLOTS.")
    var name: String

    func run() async throws {
        let content = URL(fileURLWithPath: options.content)
        do {
            let site = try ContentLoader.load(from: content)
            let written = try Scaffolder(contentDirectory: content).command(name, among: site.commands)
            ScaffoldReport.print(written, next: "write the summary, the prose and an example, then run sitegen check")
        } catch let errors as ContentErrors {
            CommandFailure.report(errors)
            throw ExitCode.failure
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
