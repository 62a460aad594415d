import Foundation
import Sandbox
import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP side of `sitegen serve`: the output folder with live reload, plus the build-event stream.
enum PreviewServer {
    static func router(session: PreviewSession) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: PreviewFiles(directory: session.builder.outputDirectory, session: session))
        router.get(RouterPath(LiveReload.scriptPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.script)))
        }
        router.get(RouterPath(LiveReload.eventsPath)) { _, _ in
            let statuses = await session.broadcaster.subscribe()
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    // Ends with the server (Ctrl-C), else graceful shutdown would wait for open pages forever.
                    for await status in statuses.cancelOnGracefulShutdown() {
                        let json = String(decoding: try JSONEncoder.stable.encode(status), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "event: build\ndata: \(json)\n\n"))
                    }
                    try await writer.finish(nil)
                })
        }
        return router
    }

    /// Serves until interrupted, rebuilding on change.
    static func run(session: PreviewSession, host: String, port: Int) async throws {
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .warning
        let app = Application(
            router: router(session: session),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [Watcher(session: session)],
            onServerRunning: { _ in
                let folders = await session.watchedFolders.map(\.relativePath).joined(separator: " and ")
                Console.line(
                    "sitegen: serving http://\(host):\(port)\(await session.root)/ — watching \(folders); Ctrl-C stops")
            },
            logger: logger)
        try await app.runService()
    }

    /// Polls the sources for the lifetime of the server.
    struct Watcher: Service {
        let session: PreviewSession

        func run() async throws {
            await cancelWhenGracefulShutdown { await session.watch() }
        }
    }
}
