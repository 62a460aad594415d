import Synchronization
import Testing

@testable import Sandbox

@Suite struct HealthCacheTests {
    final class Counter: Sendable {
        let value = Mutex(0)
    }

    @Test func manyAskersShareOneLookupPerPeriod() async throws {
        let lookups = Counter()
        let cache = HealthCache(maxAge: .milliseconds(300)) {
            lookups.value.withLock { $0 += 1 }
            try? await Task.sleep(for: .milliseconds(50))
            return (true, "fine")
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 { group.addTask { _ = await cache.value() } }
        }
        #expect(lookups.value.withLock { $0 } == 1)
        try await Task.sleep(for: .milliseconds(350))
        _ = await cache.value()
        #expect(lookups.value.withLock { $0 } == 2, "a stale value is looked up again")
        _ = await cache.fresh()
        #expect(lookups.value.withLock { $0 } == 3, "fresh() always asks")
    }
}
