extension Array where Element: Sendable {
    /// `map`, with every element transformed at once in a task group, results in the original order.
    func concurrentMap<Transformed: Sendable>(
        _ transform: @escaping @Sendable (Element) async -> Transformed
    ) async -> [Transformed] {
        await withTaskGroup(of: (Int, Transformed).self) { group in
            for (index, element) in enumerated() {
                group.addTask { (index, await transform(element)) }
            }
            var results = [Transformed?](repeating: nil, count: count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }
}
