import Course
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

    public init(submission: Submission, timeoutSeconds: Double) {
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
    }
}

/// One line of the runner's NDJSON output.
public enum RunnerEvent: Sendable, Equatable {
    case ready
    case testStarted(step: String?, name: String)
    case testEnded(TestResult)
    case output(stream: String, text: String)
    case result(RunResult)

    /// Parses one line; `nil` for anything that is not a runner event.
    public static func parse(_ line: Data) -> RunnerEvent? {
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: line),
            let kind = object["event"]?.stringValue
        else { return nil }
        switch kind {
        case "ready":
            return .ready
        case "test":
            let name = object["name"]?.stringValue ?? "unnamed test"
            if object["phase"]?.stringValue == "start" {
                return .testStarted(step: object["step"]?.stringValue, name: name)
            }
            guard let result = try? JSONDecoder().decode(TestResult.self, from: line) else { return nil }
            return .testEnded(result)
        case "output":
            return .output(stream: object["stream"]?.stringValue ?? "stdout", text: object["text"]?.stringValue ?? "")
        case "result":
            guard let result = try? JSONDecoder().decode(RunResult.self, from: line) else { return nil }
            return .result(result)
        default:
            return nil
        }
    }
}
