import ArgumentParser
import Foundation

/// `sitegen serve`: builds, serves the site on localhost and rebuilds and reloads open pages on every change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site locally, and rebuild and reload pages when content or theme change.")

    @OptionGroup var options: BuildOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 4000

    func run() async throws {
        let session = PreviewSession(builder: options.builder) { line in Console.line(line) }
        await session.build()
        do {
            try await PreviewServer.run(session: session, host: host, port: port)
        } catch {
            CommandFailure.report(SiteGenError("cannot serve on \(host):\(port): \(error)"))
            throw ExitCode.failure
        }
    }
}
