import Content
import Foundation
import Logging
import Sandbox

/// The runner sandbox that `check --verify` and `serve` verify with: a `DockerSandbox` of its own
/// (own container label, so it never touches a grader's containers) with a warm pool per Valkey
/// mode the runs need.
enum VerifySandbox {
    /// A started sandbox with `jobs` containers for each of `modes` (those of `prewarm` started at
    /// once), or why there cannot be one (no Docker, no image) with what to do.
    static func start(
        image: String, modes: Set<ValkeyMode>, prewarm: Set<ValkeyMode>? = nil, jobs: Int
    ) async -> Result<DockerSandbox, SiteGenError> {
        var docker = DockerSettings()
        docker.image = image
        docker.instance = "sitegen-verify-\(ProcessInfo.processInfo.processIdentifier)"
        let pool = WarmPool.Settings(
            sizes: Dictionary(uniqueKeysWithValues: modes.map { ($0, max(1, jobs)) }), prewarm: prewarm ?? modes)
        var logger = Logger(label: "sitegen.verify")
        logger.logLevel = .warning
        let sandbox = DockerSandbox(settings: docker, pool: pool, logger: logger)
        let health = await sandbox.health()
        guard health.available else {
            return .failure(SiteGenError("\(health.detail) Start Docker, or build the image with runner/build-image.sh."))
        }
        await sandbox.start()
        return .success(sandbox)
    }
}
