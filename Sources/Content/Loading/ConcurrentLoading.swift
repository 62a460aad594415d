import Foundation

extension Array where Element: Sendable {
    /// `compactMap` for loaders, spread over every core: each element is loaded with issues of its own, and those
    /// are merged in the array's order, so the problems reported (and the result) do not depend on timing.
    func concurrentLoad<Loaded: Sendable>(
        issues: inout ContentIssues, _ load: @Sendable (Element, inout ContentIssues) -> Loaded?
    ) -> [Loaded] {
        let slots = LoadSlots<Loaded>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            var own = ContentIssues()
            let loaded = load(self[index], &own)
            slots.set(index, (loaded, own))
        }
        var results: [Loaded] = []
        results.reserveCapacity(count)
        for (loaded, own) in slots.values {
            issues.append(contentsOf: own)
            if let loaded { results.append(loaded) }
        }
        return results
    }
}

/// One slot per element, each written by exactly one iteration of `concurrentPerform`.
private final class LoadSlots<Loaded: Sendable>: @unchecked Sendable {
    private var slots: [(Loaded?, ContentIssues)?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: (Loaded?, ContentIssues)) { lock.withLock { slots[index] = value } }

    var values: [(Loaded?, ContentIssues)] { lock.withLock { slots.map { $0! } } }
}
