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

/// One event of the runner's NDJSON output.
public enum RunnerEvent: Sendable, Equatable {
    case ready
    /// The runner has read the payload: the learner's code may have run from here on.
    case accepted
    case testStarted(step: String?, name: String)
    case testEnded(TestResult)
    case output(stream: String, text: String)
    case result(RunResult)
}

/// One line of the runner's stdout, judged.
public enum RunnerLine: Sendable, Equatable {
    case event(RunnerEvent)
    /// Well-formed, but without the run's key: not proven to come from the runner.
    case unkeyed
    /// Not an event at all.
    case unreadable

    /// Parses one line. Before the payload (`key` nil) only `ready` counts; after it, only
    /// events that carry `key`.
    public static func parse(_ line: Data, key: String?) -> RunnerLine {
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: line),
            let kind = object["event"]?.stringValue
        else { return .unreadable }
        guard let key else { return kind == "ready" ? .event(.ready) : .unkeyed }
        guard object["key"]?.stringValue == key else { return .unkeyed }
        switch kind {
        case "accepted":
            return .event(.accepted)
        case "test":
            let name = object["name"]?.stringValue ?? "unnamed test"
            if object["phase"]?.stringValue == "start" {
                return .event(.testStarted(step: object["step"]?.stringValue, name: name))
            }
            guard let result = try? JSONDecoder().decode(TestResult.self, from: line) else { return .unreadable }
            return .event(.testEnded(result))
        case "output":
            return .event(.output(stream: object["stream"]?.stringValue ?? "stdout", text: object["text"]?.stringValue ?? ""))
        case "result":
            guard let result = try? JSONDecoder().decode(RunResult.self, from: line) else { return .unreadable }
            return .event(.result(result))
        default:
            return .unreadable
        }
    }
}
