/// Fans the latest `BuildStatus` out to every open page (one server-sent-event stream each).
actor ReloadBroadcaster {
    private(set) var status = BuildStatus(id: 0, error: nil)
    private var subscribers: [Int: AsyncStream<BuildStatus>.Continuation] = [:]
    private var nextSubscriber = 0

    /// A stream that starts with the current status and then yields each new one.
    func subscribe() -> AsyncStream<BuildStatus> {
        let (stream, continuation) = AsyncStream.makeStream(of: BuildStatus.self, bufferingPolicy: .bufferingNewest(1))
        let key = nextSubscriber
        nextSubscriber += 1
        subscribers[key] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(key) } }
        continuation.yield(status)
        return stream
    }

    func publish(_ status: BuildStatus) {
        self.status = status
        for continuation in subscribers.values { continuation.yield(status) }
    }

    private func unsubscribe(_ key: Int) { subscribers[key] = nil }
}
