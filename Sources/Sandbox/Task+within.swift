import Synchronization

extension Task where Failure == Never {
    /// The task's value, or nil if it has none within `limit`. Unlike racing `value` in a task
    /// group (awaiting a task's value cannot be cancelled, so the group would wait for it),
    /// this returns at the limit; the task itself goes on.
    public func value(within limit: Duration) async -> Success? {
        let outcome = FirstAnswer<Success?>()
        return await withCheckedContinuation { continuation in
            Task<Void, Never> { outcome.resume(continuation, with: await self.value) }
            Task<Void, Never> {
                try? await Task<Never, Never>.sleep(for: limit)
                outcome.resume(continuation, with: nil)
            }
        }
    }
}

/// Resumes a continuation with the first value offered, and ignores the rest.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let answered = Mutex(false)

    func resume(_ continuation: CheckedContinuation<Value, Never>, with value: Value) {
        let first = answered.withLock { answered in
            defer { answered = true }
            return !answered
        }
        if first { continuation.resume(returning: value) }
    }
}
