import Sandbox
import ServiceLifecycle

/// Starts the sandbox with the server, maintains it periodically (the Docker backend reaps
/// orphans and recycles idle containers), and shuts it down after the server has finished
/// its in-flight runs.
struct SandboxService: Service {
    let sandbox: any SandboxBackend
    let interval: Duration

    func run() async throws {
        await sandbox.start()
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await sandbox.maintain()
            }
        }
        await sandbox.shutdown()
    }
}
