import Content

/// A command's usage line, rendered from its arguments tree the way Valkey's documentation writes it:
/// `SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | …]`.
///
/// - a token is written in capitals, an argument by its name;
/// - `[…]` optional; `<a | b>` a choice that must be made, `[a | b]` an optional one;
/// - `x [x ...]` repetition (`[x [x ...]]` when optional); a block repeats as a whole;
/// - `TOKEN value` is one unit: optional as a whole, and with `multiple_token` repeated as a whole.
struct CommandSyntax: Sendable, Equatable {
    /// One piece of the line, so HTML can style tokens and names differently from the brackets.
    enum Part: Sendable, Equatable {
        case command(String)
        case token(String)
        case name(String)
        case punctuation(String)
        case space
    }

    var parts: [Part]

    init(_ command: ValkeyCommand) {
        var parts: [Part] = [.command(command.name)]
        for argument in command.arguments {
            parts.append(.space)
            parts += Self.parts(for: argument)
        }
        self.parts = parts
    }

    /// The line as text: `DEL key [key ...]`.
    var text: String {
        parts.map { part in
            switch part {
            case .command(let text), .token(let text), .name(let text), .punctuation(let text): text
            case .space: " "
            }
        }.joined()
    }

    /// The line as HTML spans (`syntax-token`, `syntax-name`); the caller wraps it in `<code>`.
    var html: String {
        parts.map { part in
            switch part {
            case .command(let text): "<span class=\"syntax-command\">\(HTML.escape(text))</span>"
            case .token(let text): "<span class=\"syntax-token\">\(HTML.escape(text))</span>"
            case .name(let text): "<span class=\"syntax-name\">\(HTML.escape(text))</span>"
            case .punctuation(let text): HTML.escape(text)
            case .space: " "
            }
        }.joined()
    }

    // MARK: Rendering one argument

    static func parts(for original: ValkeyCommand.Argument) -> [Part] {
        let argument = simplified(original)
        // `TOKEN value` reads as one unit: render the value alone, then put the token before it.
        if let token = argument.token, argument.type != .pureToken {
            var value = argument
            value.token = nil
            value.optional = false
            var unit: [Part]
            if argument.multiple && argument.multipleToken {
                value.multiple = false
                let one = [Part.token(token.uppercased()), .space] + parts(for: value)
                unit = repeated(one)
            } else {
                unit = [.token(token.uppercased()), .space] + parts(for: value)
            }
            return argument.optional ? bracketed(unit) : unit
        }

        switch argument.type {
        case .oneof:
            var choices: [Part] = []
            for (index, alternative) in argument.arguments.enumerated() {
                if index > 0 { choices += [.space, .punctuation("|"), .space] }
                choices += parts(for: alternative)
            }
            if argument.multiple {
                let one = [Part.punctuation("<")] + choices + [.punctuation(">")]
                let all = repeated(one)
                return argument.optional ? bracketed(all) : all
            }
            return argument.optional
                ? bracketed(choices) : [.punctuation("<")] + choices + [.punctuation(">")]
        case .block:
            var inner: [Part] = []
            for (index, child) in argument.arguments.enumerated() {
                if index > 0 { inner.append(.space) }
                inner += parts(for: child)
            }
            let all = argument.multiple ? repeated(inner) : inner
            return argument.optional ? bracketed(all) : all
        default:
            let one: [Part] =
                argument.type == .pureToken
                ? [.token((argument.token ?? argument.name).uppercased())]
                : [.name(argument.display ?? argument.name)]
            let all = argument.multiple ? repeated(one) : one
            return argument.optional ? bracketed(all) : all
        }
    }

    /// A choice among alternatives that are each optional is an optional choice: `<[a] | [b]>` reads `[a | b]`.
    static func simplified(_ argument: ValkeyCommand.Argument) -> ValkeyCommand.Argument {
        guard argument.type == .oneof, !argument.arguments.isEmpty, argument.arguments.allSatisfy(\.optional)
        else { return argument }
        var copy = argument
        copy.optional = true
        copy.arguments = argument.arguments.map { child in
            var child = child
            child.optional = false
            return child
        }
        return copy
    }

    /// `x [x ...]`.
    static func repeated(_ one: [Part]) -> [Part] {
        one + [.space, .punctuation("[")] + one + [.space, .punctuation("...]")]
    }

    static func bracketed(_ inner: [Part]) -> [Part] {
        [.punctuation("[")] + inner + [.punctuation("]")]
    }
}
