/// What a fenced code block's info string says (```` ```python run valkey=standalone ````): its language and
/// whether the page turns it into a small editor with a Run button. `sitegen` and the pages' script read it alike.
public struct CodeFence: Sendable, Equatable {
    /// The first word: `python`, `javascript`, `valkey`, `text`…
    public var language: String
    /// `run` appears among the other words.
    public var isRunnable: Bool
    /// `valkey=none|standalone|cluster`; for a runnable fence without it, see `runValkey`.
    public var valkey: ValkeyMode?

    /// Reads an info string; every word after the language is a flag (`run`) or `name=value`.
    public init(infoString: String) {
        let words = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        language = words.first ?? ""
        isRunnable = words.dropFirst().contains("run")
        valkey =
            words.dropFirst().lazy.compactMap { word -> ValkeyMode? in
                guard word.hasPrefix("valkey=") else { return nil }
                return ValkeyMode(rawValue: String(word.dropFirst("valkey=".count)))
            }.first
    }

    /// The server a runnable fence gets: as written, else its language's default.
    public var runValkey: ValkeyMode {
        valkey ?? Language.named(language)?.defaultServer ?? .none
    }

    /// Why a runnable fence cannot run, phrased for the author; `nil` when it can (or is not runnable).
    public func problem(infoString: String) -> String? {
        guard isRunnable else { return nil }
        let runnable = Language.all.flatMap { [$0.id] + $0.aliases }
        guard let named = Language.named(language) else {
            let found = language.isEmpty ? "no language" : "'\(language)'"
            return "a 'run' code block must be one of \(runnable.joined(separator: ", ")), found \(found); "
                + "write for example ```python run"
        }
        let words = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst()
        for word in words where word != "run" {
            guard word.hasPrefix("valkey=") else {
                return "unknown word '\(word)' after '\(language)'; a code block takes 'run' and 'valkey=…'"
            }
            let value = word.dropFirst("valkey=".count)
            guard ValkeyMode(rawValue: String(value)) != nil else {
                let allowed = ValkeyMode.allCases.map(\.rawValue).joined(separator: ", ")
                return "'valkey=\(value)' is not a Valkey mode; allowed: \(allowed)"
            }
        }
        if named.needsServer, valkey == ValkeyMode.none {
            return "\(named.name) need a server; use valkey=standalone or valkey=cluster, or leave it out"
        }
        return nil
    }
}
