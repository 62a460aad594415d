/// The rule for names that become URL path segments: course ids, step slugs, page names.
enum Slug {
    /// Lowercase ASCII letters and digits in words joined by single hyphens.
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
