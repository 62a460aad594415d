import ArgumentParser
import Foundation

/// `sitegen build`: renders `content/` with `theme/` into `public/`, incrementally.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the static site into the output folder.")

    @OptionGroup var options: BuildOptions

    func run() async throws {
        do {
            let report = try await options.builder.build()
            print("sitegen: \(report.summary) → \(options.output)")
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
