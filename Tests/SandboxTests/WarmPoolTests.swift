import Content
import Foundation
import Logging
import Sandbox
import TestSupport
import Testing


/// The warm pool against real Docker: it fills, recycles old containers, drains quiet
/// profiles, and leaves nothing behind.
@Suite(.serialized, .enabled(if: dockerIsAvailable, dockerReason)) struct WarmPoolTests {
    func pool(_ configure: (inout WarmPool.Settings) -> Void) -> (WarmPool, String) {
        var docker = DockerSettings()
        docker.instance = "test-pool-\(UUID().uuidString.prefix(6).lowercased())"
        var settings = WarmPool.Settings(sizes: [.none: 1], prewarm: [.none])
        configure(&settings)
        var logger = Logger(label: "pool-test")
        logger.logLevel = .warning
        return (WarmPool(docker: docker, settings: settings, logger: logger), docker.instance)
    }

    func waitForIdle(_ pool: WarmPool, _ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while await pool.sizes["none"] != count {
            try #require(ContinuousClock.now < deadline, "the pool did not reach \(count) idle containers")
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func oldIdleContainersAreReplaced() async throws {
        let (pool, instance) = pool { $0.maxIdleAge = .zero }
        await pool.start()
        try await waitForIdle(pool, 1)
        let before = await pool.liveNames
        await pool.maintain()
        try await waitForIdle(pool, 1)
        let after = await pool.liveNames
        #expect(before.count == 1 && after.count == 1)
        #expect(before.isDisjoint(with: after), "the old container should have been replaced")
        await pool.shutdown()
        #expect(await leftoverContainers(instance: instance).isEmpty)
    }

    @Test func aQuietProfileIsDrainedAndFillsAgainOnUse() async throws {
        let (pool, instance) = pool { $0.profileIdleTimeout = .zero }
        await pool.start()
        try await waitForIdle(pool, 1)
        await pool.maintain()
        #expect(await pool.sizes["none"] == 0)
        #expect(await pool.liveNames.isEmpty)
        // Using the profile again starts one for the run and refills behind it.
        let container = try await pool.take(.none)
        try await waitForIdle(pool, 1)
        await container.kill()
        await pool.finished(container)
        await pool.shutdown()
        #expect(await leftoverContainers(instance: instance).isEmpty)
    }

    @Test func whileAnotherIsReadyTheRefillWaitsUntilTheRunIsOver() async throws {
        let (pool, instance) = pool { $0.sizes = [.none: 2] }
        await pool.start()
        try await waitForIdle(pool, 2)
        let first = try await pool.take(.none)
        // One is still ready: no container starts beside the run.
        try await Task.sleep(for: .seconds(2))
        #expect(await pool.sizes["none"] == 1)
        #expect(await pool.liveNames.count == 2)
        await first.kill()
        await pool.finished(first)
        try await waitForIdle(pool, 2)
        // The last ready one taken: the refill starts at once, the next run must not wait.
        let second = try await pool.take(.none)
        let third = try await pool.take(.none)
        try await waitForIdle(pool, 2)
        for container in [second, third] {
            await container.kill()
            await pool.finished(container)
        }
        await pool.shutdown()
        #expect(await leftoverContainers(instance: instance).isEmpty)
    }

    @Test func profilesNobodyUsesCostNothing() async throws {
        let (pool, instance) = pool { $0.sizes = [.none: 1, .standalone: 1, .cluster: 1] }
        await pool.start()
        try await waitForIdle(pool, 1)
        #expect(await pool.sizes["standalone"] == 0)
        #expect(await pool.sizes["cluster"] == 0)
        await pool.shutdown()
        #expect(await leftoverContainers(instance: instance).isEmpty)
    }
}
