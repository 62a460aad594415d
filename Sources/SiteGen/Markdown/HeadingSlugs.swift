/// Turns heading text into unique, GitHub-style anchor ids (`RESP types` → `resp-types`, then `resp-types-1`).
struct HeadingSlugs: Sendable {
    private var used: [String: Int] = [:]

    /// `reserved` ids belong to the page around the content (`results`, `run-button`…) and are never handed out.
    init(reserved: Set<String> = []) {
        for id in reserved { used[id] = 1 }
    }

    mutating func unique(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        while let count = used[candidate] {
            used[candidate] = count + 1
            candidate = "\(base)-\(count)"
        }
        used[candidate] = 1
        return candidate
    }

    /// Lowercased letters and digits, spaces as hyphens, other punctuation dropped — what GitHub readers expect.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}
