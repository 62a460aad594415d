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
    ///
    /// Works on UTF-8 bytes: it runs for every page of every build, and splitting into `Character` lines
    /// (grapheme breaking) cost more than the rest of reading a file.
    static func split(_ text: String) throws(Problem) -> FrontMatter {
        // Authors on Windows save CRLF; YAML line numbers and the body must not depend on it.
        var text = text.utf8.contains(UInt8(ascii: "\r")) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let bytes = text.utf8
        // Where each line starts and ends (without its "\n"); found one line at a time as needed.
        func lineEnd(from start: String.Index) -> String.Index {
            bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        }
        let firstEnd = lineEnd(from: bytes.startIndex)
        guard isOpeningFence(text[..<firstEnd]), firstEnd < bytes.endIndex else {
            if isOpeningFence(text[..<firstEnd]) { throw .unclosed }
            return FrontMatter(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1)
        }
        let yamlStart = bytes.index(after: firstEnd)
        var lineStart = yamlStart
        var lineNumber = 2
        while true {
            let end = lineEnd(from: lineStart)
            if isClosingFence(text[lineStart..<end]) {
                // The YAML ends before the "\n" that precedes the closing fence.
                let yamlEnd = lineStart == yamlStart ? yamlStart : bytes.index(before: lineStart)
                let bodyStart = end < bytes.endIndex ? bytes.index(after: end) : end
                return FrontMatter(
                    yaml: String(text[yamlStart..<yamlEnd]), yamlFirstLine: 2, body: String(text[bodyStart...]),
                    bodyFirstLine: lineNumber + 1)
            }
            guard end < bytes.endIndex else { throw .unclosed }
            lineStart = bytes.index(after: end)
            lineNumber += 1
        }
    }

    private static func isOpeningFence(_ line: Substring) -> Bool {
        line.trimmingTrailingSpaces() == "---"
    }

    private static func isClosingFence(_ line: Substring) -> Bool {
        let trimmed = line.trimmingTrailingSpaces()
        return trimmed == "---" || trimmed == "..."
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.utf8.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            result = result.dropLast()
        }
        return result
    }
}
