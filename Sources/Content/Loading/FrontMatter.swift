/// A Markdown file split into its YAML front matter (between `---` lines) and its body.
struct FrontMatter: Sendable {
    /// The YAML between the fences, or `nil` when the file has no front matter.
    var yaml: String?
    /// The 1-based line of the file where the YAML starts (the line after the opening `---`).
    var yamlFirstLine: Int
    var body: String
    /// The 1-based line of the file where the body starts.
    var bodyFirstLine: Int

    /// Why a file's front matter could not be split off.
    enum Problem: Error, Sendable {
        case unclosed
    }

    /// Splits `text`; a file that does not start with `---` has no front matter and is all body.
    static func split(_ text: String) throws(Problem) -> FrontMatter {
        // Authors on Windows save CRLF; YAML line numbers and the body must not depend on it.
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return FrontMatter(yaml: nil, yamlFirstLine: 1, body: lines.joined(separator: "\n"), bodyFirstLine: 1)
        }
        guard let closing = lines.indices.dropFirst().first(where: { isClosingFence(lines[$0]) }) else {
            throw .unclosed
        }
        return FrontMatter(
            yaml: lines[1..<closing].joined(separator: "\n"),
            yamlFirstLine: 2,
            body: lines[(closing + 1)...].joined(separator: "\n"),
            bodyFirstLine: closing + 2
        )
    }

    private static func isClosingFence(_ line: Substring) -> Bool {
        let trimmed = line.trimmingTrailingSpaces()
        return trimmed == "---" || trimmed == "..."
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
