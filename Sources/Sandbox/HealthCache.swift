/// A value that is expensive to look up, looked up at most once per `maxAge` however often
/// it is asked for; concurrent askers share one lookup.
actor HealthCache {
    private let maxAge: Duration
    private let lookup: @Sendable () async -> (Bool, String)
    private var cached: (value: (Bool, String), at: ContinuousClock.Instant)?
    private var inFlight: Task<(Bool, String), Never>?

    init(maxAge: Duration, lookup: @escaping @Sendable () async -> (Bool, String)) {
        self.maxAge = maxAge
        self.lookup = lookup
    }

    func value() async -> (Bool, String) {
        if let cached, ContinuousClock.now - cached.at < maxAge { return cached.value }
        return await fresh()
    }

    /// Looks it up now (sharing a lookup already under way), whatever the cache holds.
    func fresh() async -> (Bool, String) {
        if let inFlight { return await inFlight.value }
        let task = Task { await lookup() }
        inFlight = task
        let value = await task.value
        cached = (value, .now)
        inFlight = nil
        return value
    }
}
