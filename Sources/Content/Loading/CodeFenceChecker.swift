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
    static func openings(in markdown: String) -> [Opening] {
        var found: [Opening] = []
        var open: (character: Character, length: Int)?
        for (index, rawLine) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            guard let first = line.first, first == "`" || first == "~" else { continue }
            let run = line.prefix(while: { $0 == first })
            guard run.count >= 3 else { continue }
            let rest = line.dropFirst(run.count)
            if let current = open {
                if first == current.character, run.count >= current.length,
                    rest.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" })
                {
                    open = nil
                }
                continue
            }
            // A backtick fence's info string cannot contain backticks (that line is inline code instead).
            if first == "`", rest.contains("`") { continue }
            open = (first, run.count)
            let info = rest.trimmingBlanks()
            found.append(Opening(line: index + 1, infoString: info))
        }
        return found
    }
}

extension Substring {
    fileprivate func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
