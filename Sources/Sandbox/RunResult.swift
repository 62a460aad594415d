import Foundation

/// The outcome of one run, as the API returns it (`200` whatever the learner's outcome).
public struct RunResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pass, fail, error, timeout
    }

    public var status: Status
    /// Always human-readable; says what to do next.
    public var message: String
    public var tests: [TestResult]
    public var stdout: String
    public var stderr: String
    public var truncated: Bool
    /// Run mode with a Valkey server: the server's keys after the run.
    public var keyspace: JSONValue?
    /// More keys existed than the runner listed.
    public var keyspaceTruncated: Bool?
    /// Seed of the tests' random keys and values, so a failure can be reproduced.
    public var seed: Int?
    public var durationMs: Int

    public init(
        status: Status, message: String, tests: [TestResult] = [], stdout: String = "", stderr: String = "",
        truncated: Bool = false, keyspace: JSONValue? = nil, durationMs: Int = 0
    ) {
        self.status = status
        self.message = message
        self.tests = tests
        self.stdout = stdout
        self.stderr = stderr
        self.truncated = truncated
        self.keyspace = keyspace
        self.durationMs = durationMs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Status.self, forKey: .status)
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        tests = try c.decodeIfPresent([TestResult].self, forKey: .tests) ?? []
        stdout = try c.decodeIfPresent(String.self, forKey: .stdout) ?? ""
        stderr = try c.decodeIfPresent(String.self, forKey: .stderr) ?? ""
        truncated = try c.decodeIfPresent(Bool.self, forKey: .truncated) ?? false
        keyspace = try c.decodeIfPresent(JSONValue.self, forKey: .keyspace)
        keyspaceTruncated = try c.decodeIfPresent(Bool.self, forKey: .keyspaceTruncated)
        seed = try c.decodeIfPresent(Int.self, forKey: .seed)
        durationMs = try c.decodeIfPresent(Int.self, forKey: .durationMs) ?? 0
    }
}
