import Foundation

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
        case "deadline":
            guard let milliseconds = object["creditMs"]?.intValue, milliseconds >= 0 else { return .unreadable }
            return .event(.deadlineCredit(milliseconds: milliseconds))
        case "stages":
            return .event(.stages(RunStages(
                learnerStartMs: object["learnerStartMs"]?.intValue, testsMs: object["testsMs"]?.intValue,
                resultMs: object["resultMs"]?.intValue)))
        case "result":
            guard let result = try? JSONDecoder().decode(RunResult.self, from: line) else { return .unreadable }
            return .event(.result(result))
        default:
            return .unreadable
        }
    }
}
