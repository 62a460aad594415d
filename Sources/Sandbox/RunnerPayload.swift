import Content
import Foundation

/// The JSON payload the in-container runner reads from stdin (see docs/runner.md).
public struct RunnerPayload: Encodable, Sendable {
    public struct StepTests: Encodable, Sendable {
        public var step: String
        public var title: String
        public var source: String
    }

    public var language: String
    public var files: [String: String]
    public var tests: [StepTests]
    public var mode: String
    public var valkey: String
    public var timeout: Double
    /// The run's key: every event after the payload must carry it.
    public var key: String

    public init(submission: Submission, timeoutSeconds: Double, key: String) {
        language = submission.language.id
        files = Dictionary(submission.files.map { ($0.name, $0.contents) }, uniquingKeysWith: { _, last in last })
        if let lesson = submission.lesson {
            tests = lesson.course.steps(through: lesson.step).map {
                StepTests(step: $0.id, title: $0.title, source: $0.testSource)
            }
        } else {
            tests = []
        }
        mode = submission.mode.rawValue
        valkey = submission.valkey.rawValue
        timeout = timeoutSeconds
        self.key = key
    }

    /// A fresh key: 128 random bits, as hex. Only the grader and the runner ever see it.
    public static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
