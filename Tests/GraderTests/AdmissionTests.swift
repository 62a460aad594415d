import Testing

@testable import Grader

/// The queue and the per-client limits, on their own (no HTTP, no Docker).
@Suite struct AdmissionTests {
    @Test func aFullQueueRefusesAdmissionUntilASlotFrees() async throws {
        let queue = SubmissionQueue(concurrency: 1, capacity: 1)
        let first = try await queue.admit()
        let second = try await queue.admit()
        #expect(second.position == 1)
        await #expect(throws: SubmissionQueue.Full.self) { try await queue.admit() }
        await first.leave()
        await second.waitForTurn()
        #expect(await queue.active == 1)
        #expect(await queue.depth == 0)
        await second.leave()
        #expect(await queue.active == 0)
    }

    @Test func rateLimiterRefusesABurstAndSaysHowLongToWait() async {
        let limiter = RateLimiter(perMinute: 3)
        for _ in 0..<3 { #expect(await limiter.admit("a") == nil) }
        let wait = await limiter.admit("a")
        #expect(wait != nil && wait! >= 1 && wait! <= 20)
        #expect(await limiter.admit("b") == nil)
    }

    @Test func aClientMayHaveOnlySoManyRunsInFlight() async {
        let limit = ClientRunLimit(perClient: 2)
        #expect(await limit.enter("a"))
        #expect(await limit.enter("a"))
        #expect(await !limit.enter("a"))
        #expect(await limit.enter("b"), "another client is not held back")
        await limit.leave("a")
        #expect(await limit.enter("a"))
        await limit.leave("a")
        await limit.leave("a")
        await limit.leave("b")
        #expect(await limit.clients == 0, "clients with nothing in flight are forgotten")
        #expect(await ClientRunLimit(perClient: 0).enter("a"), "0 means no limit")
    }
}
