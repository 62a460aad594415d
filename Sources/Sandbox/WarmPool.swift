import Content
import Foundation
import Logging

/// Pre-started runner containers per Valkey profile, each used once. A profile fills only
/// after its first use (or at start-up when asked), so profiles nobody uses cost nothing,
/// and it drains again after a quiet spell.
public actor WarmPool {
    public struct Settings: Sendable {
        public static let defaultSizes: [ValkeyMode: Int] = [.none: 2, .standalone: 1, .cluster: 1]
        public static let defaultPrewarm: Set<ValkeyMode> = [.none]

        /// Idle containers to keep ready per profile.
        public var sizes: [ValkeyMode: Int]
        /// Profiles to fill at start-up, before anyone asks.
        public var prewarm: Set<ValkeyMode>
        /// An idle container older than this is replaced (keeps long-lived containers from piling up state).
        public var maxIdleAge: Duration = .seconds(600)
        /// A profile unused this long is drained to zero.
        public var profileIdleTimeout: Duration = .seconds(1800)
        /// Wait after a failed start before trying again (Docker down, image missing).
        public var retryDelay: Duration = .seconds(3)

        public init(sizes: [ValkeyMode: Int] = defaultSizes, prewarm: Set<ValkeyMode> = defaultPrewarm) {
            self.sizes = sizes
            self.prewarm = prewarm
        }
    }

    private let docker: DockerSettings
    private let settings: Settings
    private let logger: Logger
    private var idle: [ValkeyMode: [RunnerContainer]] = [:]
    private var starting: [ValkeyMode: Int] = [:]
    private var lastUsed: [ValkeyMode: ContinuousClock.Instant] = [:]
    private var lastFailure: ContinuousClock.Instant?
    private var live: Set<String> = []
    private var closed = false

    public init(docker: DockerSettings, settings: Settings, logger: Logger) {
        self.docker = docker
        self.settings = settings
        self.logger = logger
    }

    /// Fills the pre-warmed profiles.
    public func start() {
        for mode in settings.prewarm { lastUsed[mode] = .now; refill(mode) }
    }

    /// A ready container for `mode`: a warm one if there is one, else one started now.
    public func take(_ mode: ValkeyMode) async throws -> RunnerContainer {
        lastUsed[mode] = .now
        if var ready = idle[mode], !ready.isEmpty {
            let container = ready.removeFirst()
            idle[mode] = ready
            // Starting a container costs a core for a few hundred milliseconds: done now, it
            // would compete with the run that just began (a Node server's start-up took twice
            // as long). While another one is ready, the refill waits until this run is over.
            if ready.isEmpty { refill(mode) }
            return container
        }
        defer { refill(mode) }
        let name = RunnerContainer.newName(instance: docker.instance)
        live.insert(name)
        do {
            return try await RunnerContainer.start(name: name, valkey: mode, settings: docker)
        } catch {
            live.remove(name)
            throw error
        }
    }

    /// The container has been used: after a result it exits by itself, so give it `patience`,
    /// then kill it, and forget it once Docker has removed it (or stopped answering).
    public func finished(_ container: RunnerContainer, patience: Duration = .seconds(5), engineDown: Bool = false) async {
        await container.stop(patience: patience, engineDown: engineDown)
        live.remove(container.name)
        refill(container.valkey)
    }

    /// Names of every container this pool started that may still exist.
    public var liveNames: Set<String> { live }

    public var sizes: [String: Int] {
        Dictionary(uniqueKeysWithValues: ValkeyMode.allCases.map { ($0.rawValue, idle[$0]?.count ?? 0) })
    }

    /// Recycles old idle containers and drains profiles nobody has used for a while.
    public func maintain() async {
        let now = ContinuousClock.now
        for mode in ValkeyMode.allCases {
            let quiet = lastUsed[mode].map { now - $0 > settings.profileIdleTimeout } ?? true
            let containers = idle[mode] ?? []
            let stale = containers.filter { quiet || now - $0.startedAt > settings.maxIdleAge }
            guard !stale.isEmpty else { continue }
            idle[mode] = containers.filter { c in !stale.contains { $0 === c } }
            for container in stale { await discard(container) }
            if !quiet { refill(mode) }
        }
    }

    /// Stops refilling, removes idle containers and waits (up to `limit`) for used ones to be gone.
    public func shutdown(limit: Duration = .seconds(20)) async {
        closed = true
        let all = idle.values.flatMap { $0 }
        idle = [:]
        for container in all { await discard(container) }
        let deadline = ContinuousClock.now + limit
        while !live.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    private func discard(_ container: RunnerContainer) async {
        await container.stop()
        live.remove(container.name)
    }

    private func refill(_ mode: ValkeyMode) {
        guard !closed else { return }
        if let lastFailure, ContinuousClock.now - lastFailure < settings.retryDelay { return }
        let target = settings.sizes[mode] ?? 0
        var missing = target - (idle[mode]?.count ?? 0) - (starting[mode] ?? 0)
        while missing > 0 {
            missing -= 1
            starting[mode, default: 0] += 1
            let name = RunnerContainer.newName(instance: docker.instance)
            live.insert(name)
            let docker = self.docker
            Task {
                let container = try? await RunnerContainer.start(name: name, valkey: mode, settings: docker)
                await self.started(container, name: name, mode: mode)
            }
        }
    }

    private func started(_ container: RunnerContainer?, name: String, mode: ValkeyMode) async {
        starting[mode, default: 1] -= 1
        guard let container else {
            live.remove(name)
            lastFailure = .now
            logger.warning("warm pool: a runner container failed to start", metadata: ["profile": "\(mode.rawValue)"])
            return
        }
        if closed || (idle[mode]?.count ?? 0) >= (settings.sizes[mode] ?? 0) {
            await discard(container)
        } else {
            idle[mode, default: []].append(container)
        }
    }
}
