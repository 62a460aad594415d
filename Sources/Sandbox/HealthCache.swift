/// The sandbox's availability, which costs a `docker` call to look up: looked up at most
/// once per `maxAge` however often it is asked for, concurrent askers sharing one lookup.
/// Askers never wait for Docker once a first answer exists: a stale answer is returned at
/// once and refreshed in the background, so a slow engine makes `/api/health` and admission
/// a little out of date, never slow.
actor HealthCache {
    typealias Answer = (available: Bool, detail: String)

    private let maxAge: Duration
    private let lookup: @Sendable () async -> Answer
    private var cached: (value: Answer, at: ContinuousClock.Instant)?
    private var inFlight: Task<Answer, Never>?

    init(maxAge: Duration, lookup: @escaping @Sendable () async -> Answer) {
        self.maxAge = maxAge
        self.lookup = lookup
    }

    /// The latest answer (waiting only for the very first), refreshed when older than `maxAge`.
    func value() async -> Answer {
        guard let cached else { return await lookupNow().value }
        if ContinuousClock.now - cached.at >= maxAge { _ = lookupNow() }
        return cached.value
    }

    /// A new answer, sharing a lookup already under way; nil when none comes within `limit`
    /// (the lookup goes on, and its answer is kept for later askers).
    func fresh(within limit: Duration) async -> Answer? {
        await lookupNow().value(within: limit)
    }

    /// Takes an answer learned some other way (a run that found Docker gone) as the latest.
    func record(_ answer: Answer) {
        cached = (answer, .now)
    }

    private func lookupNow() -> Task<Answer, Never> {
        if let inFlight { return inFlight }
        let task = Task {
            let answer = await lookup()
            self.store(answer)
            return answer
        }
        inFlight = task
        return task
    }

    private func store(_ answer: Answer) {
        cached = (answer, .now)
        inFlight = nil
    }
}
