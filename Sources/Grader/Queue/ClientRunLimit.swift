/// At most `perClient` runs in flight (waiting or running) per client, so that one client
/// cannot fill the queue that everyone shares.
actor ClientRunLimit {
    let perClient: Int
    private var active: [String: Int] = [:]

    init(perClient: Int) {
        self.perClient = perClient
    }

    /// Takes a place for `client`; false when it already has `perClient` runs in flight.
    func enter(_ client: String) -> Bool {
        guard perClient > 0 else { return true }
        let count = active[client, default: 0]
        guard count < perClient else { return false }
        active[client] = count + 1
        return true
    }

    func leave(_ client: String) {
        guard perClient > 0, let count = active[client] else { return }
        active[client] = count > 1 ? count - 1 : nil
    }

    /// Clients with a run in flight (bounded by the queue: the map never outgrows it).
    var clients: Int { active.count }
}
