/// What `GET /api/health` reports about the sandbox.
public struct SandboxHealth: Sendable, Codable, Equatable {
    public var available: Bool
    public var detail: String
    /// Idle warm containers per Valkey profile.
    public var pool: [String: Int]

    public init(available: Bool, detail: String, pool: [String: Int]) {
        self.available = available
        self.detail = detail
        self.pool = pool
    }
}
