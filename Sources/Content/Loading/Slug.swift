import Foundation

/// The rule for names that become URL path segments: course ids, step slugs, page names.
public enum Slug {
    /// Lowercase ASCII letters and digits in words joined by single hyphens.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// Reports a folder whose name becomes a URL and is not a slug, e.g. `course` folder, `'build-your-own-valkey'`.
    static func checkFolder(_ folder: URL, kind: String, example: String, paths: ContentPaths, issues: inout ContentIssues) {
        guard !isValid(folder.lastPathComponent) else { return }
        issues.report(
            paths.location(folder),
            "\(kind) folder names must be lowercase words joined by '-' (like '\(example)'), since they become URLs")
    }
}
