/// Checks the commands of runnable `valkey` code blocks against the server's facts before anything runs: each
/// line must call a command the server knows, with as many words as its arity allows. A typo or a missing
/// argument is reported at its line instead of showing learners an `ERR` on the first click.
struct CommandExampleChecker {
    let names: CommandNames

    init(commands: [ValkeyCommand]) {
        names = CommandNames(commands)
    }

    /// Checks every ```` ```valkey run ```` block of `markdown`, whose first line is at `body`.
    func check(markdown: String, body: SourceLocation, issues: inout ContentIssues) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let openings = CodeFenceChecker.openings(in: markdown)
        for opening in openings {
            let fence = CodeFence(infoString: opening.infoString)
            guard fence.isRunnable, Language.named(fence.language) == .valkey else { continue }
            let fenceLine = lines[opening.line - 1].drop { $0 == " " || $0 == "\t" }
            let marker = fenceLine.prefix { $0 == fenceLine.first }
            var index = opening.line  // 0-based index of the line after the opening fence
            while index < lines.count {
                let line = lines[index].drop { $0 == " " || $0 == "\t" }
                if line.hasPrefix(marker) && line.drop(while: { $0 == marker.first }).allSatisfy(\.isWhitespace) {
                    break
                }
                let location = SourceLocation(file: body.file, line: (body.line ?? 1) + index)
                check(line: String(line), at: location, issues: &issues)
                index += 1
            }
        }
    }

    /// Checks a file of commands (a template's `commands.valkey`), line by line.
    func check(commandsFile text: String, file: String, issues: inout ContentIssues) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            check(line: String(line), at: SourceLocation(file: file, line: index + 1), issues: &issues)
        }
    }

    /// One line as the runner reads it: blank lines and `#` comments are skipped.
    func check(line: String, at location: SourceLocation, issues: inout ContentIssues) {
        let trimmed = line.trimmingBlanks()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return }
        guard let words = Self.words(of: trimmed) else {
            issues.report(
                location,
                "unbalanced quotes, or a closing quote not followed by a space, in `\(trimmed)`: valkey-cli refuses "
                    + "the line")
            return
        }
        switch names.lookup(words) {
        case .unknown(let suggestion):
            issues.report(
                location,
                "the server has no command '\(words[0])'" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
                    + "; facts.json lists every command it knows")
        case .unknownSubcommand(let container, let suggestion):
            let found = words.count > 1 ? "'\(words[1])' is not one of its subcommands" : "it needs a subcommand"
            issues.report(
                location,
                "\(container) is a container: \(found)" + (suggestion.map { " (did you mean \(container) \($0)?)" } ?? "")
                    + "; see /commands/\(ValkeyCommand.slug(of: container))/")
        case .command(let command):
            let count = words.count
            let allowed = command.arity < 0 ? count >= -command.arity : count == command.arity
            guard !allowed else { return }
            let needs =
                command.arity < 0
                ? "at least \(-command.arity) words" : "exactly \(command.arity) word\(command.arity == 1 ? "" : "s")"
            issues.report(
                location,
                "\(command.name) takes \(needs), the command included (arity \(command.arity) in facts.json), "
                    + "found \(count): `\(trimmed)`")
        }
    }

    /// The line split into arguments as valkey-cli splits it (the runner's `split_args`): blanks separate words,
    /// `"…"` and `'…'` quote, a backslash escapes inside double quotes, a closing quote ends the word. `nil` when
    /// valkey-cli would refuse the line.
    static func words(of line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        var justClosed = false
        for character in line {
            // valkey-cli refuses `"a"b`: a closing quote must end the word.
            if justClosed, character != " ", character != "\t" { return nil }
            justClosed = false
            if let open = quote {
                if escaped {
                    escaped = false
                    // Inside single quotes only `\'` is an escape.
                    if open == "'" && character != "'" { current.append("\\") }
                    current.append(character)
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                    justClosed = true
                } else {
                    current.append(character)
                }
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
