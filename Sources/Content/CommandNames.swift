/// Command names as code writes them, for recognising a command at the start of a line of code: `SET`, and a
/// subcommand by its two words (`CLUSTER SLOTS`).
struct CommandNames: Sendable {
    /// Every slug, for links.
    let slugs: Set<String>
    /// `SET` → SET's facts, `CLUSTER SLOTS` → CLUSTER SLOTS's.
    private let byName: [String: ValkeyCommand]
    /// A container's subcommands' second words (`CLUSTER` → `SLOTS`, `INFO`, …), for suggestions.
    private let subcommandWords: [String: [String]]
    /// Top-level names, sorted, for suggestions.
    private let topLevel: [String]

    init(_ commands: [ValkeyCommand]) {
        slugs = Set(commands.map(\.slug))
        byName = Dictionary(commands.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var words: [String: [String]] = [:]
        for command in commands {
            guard let container = command.container else { continue }
            words[container, default: []].append(String(command.name.dropFirst(container.count + 1)))
        }
        subcommandWords = words.mapValues { $0.sorted() }
        topLevel = commands.filter { $0.container == nil }.map(\.name).sorted()
    }

    /// The slug of the command `words` start with, when written in capitals as code writes them: the subcommand
    /// when the first two words name one.
    func command(_ words: [String]) -> String? {
        guard let first = words.first, first == first.uppercased(), first.first?.isLetter == true else { return nil }
        if words.count > 1, words[1] == words[1].uppercased(), let command = byName["\(first) \(words[1])"] {
            return command.slug
        }
        return byName[first]?.slug
    }

    /// What a line of commands calls, in any case as the server accepts it.
    enum Lookup {
        case command(ValkeyCommand)
        /// The first word is not a command; the closest one, if any is close.
        case unknown(suggestion: String?)
        /// The first word is a container and the second none of its subcommands.
        case unknownSubcommand(container: String, suggestion: String?)
    }

    func lookup(_ words: [String]) -> Lookup {
        let first = (words.first ?? "").uppercased()
        guard let command = byName[first] else {
            return .unknown(suggestion: Spelling.closest(to: first, among: topLevel))
        }
        guard let subcommands = subcommandWords[first] else { return .command(command) }
        let second = words.count > 1 ? words[1].uppercased() : ""
        if let subcommand = byName["\(first) \(second)"] { return .command(subcommand) }
        return .unknownSubcommand(
            container: first, suggestion: second.isEmpty ? nil : Spelling.closest(to: second, among: subcommands))
    }
}
