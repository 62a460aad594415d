import Foundation
import Sandbox

/// Per-client token bucket: `perMinute` submissions a minute, with bursts up to that many.
actor RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let perMinute: Int
    private var buckets: [String: Bucket] = [:]

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes a token for `client`; returns the seconds to wait when there is none.
    func admit(_ client: String) -> Int? {
        guard perMinute > 0 else { return nil }
        let now = ContinuousClock.now
        let rate = Double(perMinute) / 60
        var bucket = buckets[client] ?? Bucket(tokens: Double(perMinute), updated: now)
        let elapsed = Double((now - bucket.updated) / .milliseconds(1)) / 1000
        bucket.tokens = min(Double(perMinute), bucket.tokens + elapsed * rate)
        bucket.updated = now
        defer { buckets[client] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        if buckets.count > 10_000 { forgetFullBuckets(now: now, rate: rate) }
        return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
    }

    /// Drops buckets that have refilled, so memory stays bounded by the clients active in the last minute.
    private func forgetFullBuckets(now: ContinuousClock.Instant, rate: Double) {
        buckets = buckets.filter { _, bucket in
            let elapsed = Double((now - bucket.updated) / .milliseconds(1)) / 1000
            return bucket.tokens + elapsed * rate < Double(perMinute)
        }
    }
}
