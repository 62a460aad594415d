import ArgumentParser
import Foundation
import Sandbox

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

    @Flag(help: "Do not verify a step again when its solution or test.py is saved.")
    var noVerify = false

    @Option(help: "The runner image that verification uses.")
    var image = DockerSettings().image

    func run() async throws {
        let log: @Sendable (String) -> Void = { line in Console.line(line) }
        let builder = options.builder
        var verify: (@Sendable ([StepChanges.Target]) async -> Void)?
        var verifier: ServeVerifier?
        if !noVerify {
            let started = ServeVerifier(contentDirectory: builder.contentDirectory, image: image, log: log)
            verify = { targets in await started.verify(targets) }
            verifier = started
        }
        let session = PreviewSession(builder: builder, verify: verify, log: log)
        await session.build()
        do {
            try await PreviewServer.run(session: session, host: host, port: port)
            await verifier?.shutdown()
        } catch {
            await verifier?.shutdown()
            CommandFailure.report(SiteGenError("cannot serve on \(host):\(port): \(error)"))
            throw ExitCode.failure
        }
    }
}
