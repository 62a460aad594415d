/// Finds fenced code blocks in Markdown and reports runnable ones that could not run (unknown language or option),
/// at their line, so a typo fails the build instead of showing a Run button that errors for every learner.
enum CodeFenceChecker {
    /// One opening fence: its 1-based line in the Markdown text and its info string.
    struct Opening: Equatable {
        var line: Int
        var infoString: String
    }

    static func check(_ markdown: String, body: SourceLocation, issues: inout ContentIssues) {
        let firstLine = body.line ?? 1
        for opening in openings(in: markdown) {
            let fence = CodeFence(infoString: opening.infoString)
            guard let problem = fence.problem(infoString: opening.infoString) else { continue }
            issues.report(SourceLocation(file: body.file, line: firstLine + opening.line - 1), problem)
        }
    }

    /// The opening fences (```` ``` ```` or `~~~`, three or more) outside other fences, in order.
    /// Indentation is not limited, so fences inside list items are found too.
    ///
    /// Scans UTF-8 bytes (every fence character is ASCII): it runs on every page of every build.
    static func openings(in markdown: String) -> [Opening] {
        var found: [Opening] = []
        var open: (character: UInt8, length: Int)?
        let backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~")
        var lineNumber = 0
        var markdown = markdown
        markdown.withUTF8 { bytes in
            var lineStart = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                lineNumber += 1
                var position = lineStart
                while position < lineEnd, isBlank(bytes[position]) { position += 1 }
                guard position < lineEnd, bytes[position] == backtick || bytes[position] == tilde else { continue }
                let first = bytes[position]
                var runEnd = position
                while runEnd < lineEnd, bytes[runEnd] == first { runEnd += 1 }
                let run = runEnd - position
                guard run >= 3 else { continue }
                let rest = UnsafeBufferPointer(rebasing: bytes[runEnd..<lineEnd])
                if let current = open {
                    if first == current.character, run >= current.length,
                        rest.allSatisfy({ isBlank($0) || $0 == UInt8(ascii: "\r") })
                    {
                        open = nil
                    }
                    continue
                }
                // A backtick fence's info string cannot contain backticks (that line is inline code instead).
                if first == backtick, rest.contains(backtick) { continue }
                open = (first, run)
                found.append(Opening(line: lineNumber, infoString: String(decoding: rest, as: UTF8.self).trimmingBlanks()))
            }
        }
        return found
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
