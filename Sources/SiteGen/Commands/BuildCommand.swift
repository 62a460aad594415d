import ArgumentParser
import Course
import Foundation

/// `sitegen build`: renders `content/` with `theme/` into `public/`.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the static site into the output folder.")

    @Option(help: "The content folder.")
    var content = "content"

    @Option(help: "The theme folder (templates/ and assets/).")
    var theme = "theme"

    @Option(help: "Where to write the site.")
    var output = "public"

    @Option(help: "Where CodeMirror 5 is installed (Debian's libjs-codemirror).")
    var codemirror = CodeMirrorAssets.defaultDirectory.path

    func run() async throws {
        let builder = SiteBuilder(
            contentDirectory: URL(fileURLWithPath: content),
            themeDirectory: URL(fileURLWithPath: theme),
            outputDirectory: URL(fileURLWithPath: output),
            codeMirrorDirectory: URL(fileURLWithPath: codemirror))
        do {
            let report = try await builder.build()
            print("sitegen: \(report.summary) → \(output)")
        } catch {
            CommandFailure.report(error)
            throw ExitCode.failure
        }
    }
}
