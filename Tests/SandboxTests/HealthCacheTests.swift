import Synchronization
import Testing

@testable import Sandbox

@Suite struct HealthCacheTests {
    final class Lookups: Sendable {
        let count = Mutex(0)
        /// While closed, lookups after the first wait at the gate.
        let gate: AsyncStream<Void>
        let opener: AsyncStream<Void>.Continuation

        init() {
            (gate, opener) = AsyncStream.makeStream(of: Void.self)
        }

        func lookup() async -> HealthCache.Answer {
            let number = count.withLock {
                $0 += 1
                return $0
            }
            if number > 1 {
                for await _ in gate { break }
            }
            return (available: number == 1, detail: "lookup \(number)")
        }
    }

    @Test func manyAskersShareOneLookupAndNobodyWaitsForARefresh() async throws {
        let lookups = Lookups()
        let cache = HealthCache(maxAge: .milliseconds(200)) { await lookups.lookup() }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 { group.addTask { _ = await cache.value() } }
        }
        #expect(lookups.count.withLock { $0 } == 1)

        try await Task.sleep(for: .milliseconds(250))
        // The refresh this starts blocks at the gate; the stale answer comes back anyway.
        let stale = await cache.value()
        #expect(stale.detail == "lookup 1")
        #expect(await cache.fresh(within: .milliseconds(50)) == nil, "no answer while the lookup hangs")
        #expect(lookups.count.withLock { $0 } == 2, "the refresh and fresh() share one lookup")

        lookups.opener.yield()
        let answer = try #require(await cache.fresh(within: .seconds(30)))
        #expect(answer.detail == "lookup 2" && !answer.available)
        #expect(await cache.value().detail == "lookup 2")
    }
}
