import Sandbox

/// Runner events as Server-Sent Events (`event:` name, one JSON `data:` line).
enum ServerSentEvent {
    static func send(_ event: RunnerEvent, to stream: ServerSentEventStream) {
        switch event {
        case .ready, .accepted, .result, .stages, .deadlineCredit:
            // `result` is sent by the route after timing and limits are applied.
            break
        case .testStarted(let step, let name):
            stream.send("test-start", ["step": step ?? "", "name": name])
        case .testEnded(let test):
            stream.send("test-end", test)
        case .output(let name, let text):
            stream.send("output", ["stream": name, "text": text])
        }
    }
}
