import Foundation

/// One check of a step's tests.
public struct TestResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pass, fail, error, skipped
    }

    public var name: String
    public var step: String?
    public var status: Status
    public var message: String?
    public var hint: String?
    public var output: String?
    /// Worth knowing though not a mistake (on passing tests too), e.g. that Valkey words an error differently.
    public var note: String?
    public var durationMs: Int?

    public init(
        name: String, step: String? = nil, status: Status, message: String? = nil, hint: String? = nil,
        output: String? = nil, note: String? = nil, durationMs: Int? = nil
    ) {
        self.name = name
        self.step = step
        self.status = status
        self.message = message
        self.hint = hint
        self.output = output
        self.note = note
        self.durationMs = durationMs
    }
}
