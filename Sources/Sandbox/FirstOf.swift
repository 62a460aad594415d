/// Runs two operations at once and returns the result of the one that finishes first; the
/// other is cancelled and awaited, so both must end promptly when cancelled.
public func firstOf<T: Sendable>(
    _ first: @escaping @Sendable () async -> T, _ second: @escaping @Sendable () async -> T
) async -> T {
    await withTaskGroup(of: T.self) { group in
        group.addTask(operation: first)
        group.addTask(operation: second)
        let winner = await group.next()!
        group.cancelAll()
        return winner
    }
}
