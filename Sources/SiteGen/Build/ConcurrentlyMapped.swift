import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores, for synchronous work (file I/O, hashing) that must not block the
    /// cooperative thread pool's few threads for long; results in order, the first error rethrown.
    func concurrentlyMapped<Transformed: Sendable, Failure: Error>(
        _ transform: @Sendable (Element) throws(Failure) -> Transformed
    ) throws(Failure) -> [Transformed] {
        let results = ConcurrentResults<Transformed, Failure>(count: count)
        let chunks = Swift.max(1, Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var index = chunk
            while index < count {
                do throws(Failure) {
                    results.set(index, .success(try transform(self[index])))
                } catch {
                    results.set(index, .failure(error))
                }
                index += chunks
            }
        }
        return try results.values()
    }
}

/// Results filled in from several threads, each slot by exactly one of them.
private final class ConcurrentResults<R: Sendable, Failure: Error>: @unchecked Sendable {
    private var slots: [Result<R, Failure>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<R, Failure>) { lock.withLock { slots[index] = result } }

    func values() throws(Failure) -> [R] {
        var values: [R] = []
        values.reserveCapacity(slots.count)
        for slot in slots { values.append(try slot!.get()) }
        return values
    }
}
