/// Suggests the word an author probably meant, for "did you mean …?" hints.
public enum Spelling {
    /// ` (did you mean 'x'?)` for the end of an error message, or nothing when no candidate is close.
    public static func suggestion(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The candidate `word` abbreviates, or the one within two edits of it, if there is one.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        if word.count >= 2, let expansion = candidates.first(where: { $0.lowercased().hasPrefix(word.lowercased()) }) {
            return expansion
        }
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
