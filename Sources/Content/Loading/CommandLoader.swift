import Foundation

/// Reads the command reference: every command the server knows from `content/commands/facts.json`, and our
/// description and examples from `content/commands/<NAME>.md` where one is written.
struct CommandLoader {
    let paths: ContentPaths

    /// What a command page's front matter may hold: our own one-sentence summary. Everything else is a fact.
    static let allowedKeys = ["summary"]
    /// The facts, which come from the server: naming one in a page is a mistake worth explaining.
    static let factKeys = [
        "name", "group", "since", "complexity", "arity", "acl_categories", "arguments", "history", "deprecated_since",
        "replaced_by",
    ]

    func load(issues: inout ContentIssues) -> [ValkeyCommand] {
        let folder = paths.root.appendingPathComponent("commands")
        guard FileSystem.isDirectory(folder) else { return [] }
        var prose: [Prose] = []
        for url in FileSystem.entries(of: folder) where url.lastPathComponent != CommandFactsFile.name {
            guard FileSystem.isFile(url), url.pathExtension == "md" else {
                issues.report(
                    paths.location(url),
                    "the commands folder holds facts.json and one <NAME>.md per described command, such as SET.md")
                continue
            }
            if let page = loadProse(url, issues: &issues) { prose.append(page) }
        }
        let factsFile = CommandFactsFile(url: folder.appendingPathComponent(CommandFactsFile.name), paths: paths)
        guard let facts = factsFile.load(issues: &issues) else { return [] }

        var index: [String: Int] = [:]
        var commands = facts.sorted { $0.name < $1.name }
        for (position, command) in commands.enumerated() { index[command.slug] = position }
        for page in prose {
            guard let position = index[page.slug] else {
                let fileNames = commands.map { $0.slug.uppercased() }
                let closest = Spelling.closest(to: page.slug.uppercased(), among: fileNames)
                issues.report(
                    page.fileLocation,
                    "the server has no command '\(page.slug.uppercased().replacingOccurrences(of: "-", with: " "))'"
                        + " (facts.json lists every one it knows)" + (closest.map { " (did you mean \($0).md?)" } ?? ""))
                continue
            }
            commands[position].markdown = page.markdown
            commands[position].hasProse = true
            commands[position].source = page.body
            if let summary = page.summary { commands[position].summary = summary }
        }
        return commands
    }

    /// One `<NAME>.md`: our words about a command.
    struct Prose {
        var slug: String
        var summary: String?
        var markdown: String
        var body: SourceLocation
        var fileLocation: SourceLocation
    }

    /// `SET`, `CLUSTER-SLOTS`, `EVAL_RO`: capitals, digits and `_` in words joined by `-`.
    static func isValidFileName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("-"), !name.hasSuffix("-"), !name.contains("--") else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }

    private func loadProse(_ url: URL, issues: inout ContentIssues) -> Prose? {
        let fileName = url.deletingPathExtension().lastPathComponent
        guard Self.isValidFileName(fileName) else {
            issues.report(
                paths.location(url),
                "command file names are the command in capitals, with '-' between the words of a subcommand "
                    + "(like SET.md or CLUSTER-SLOTS.md); rename '\(url.lastPathComponent)'")
            return nil
        }
        guard let document = MarkdownDocument.read(url, paths: paths, frontMatterRequired: false, issues: &issues),
            let fields = document.fields
        else { return nil }
        for key in fields.mapping.keys {
            guard let name = key.scalar?.string, !Self.allowedKeys.contains(name) else { continue }
            let message =
                Self.factKeys.contains(name)
                ? "is a fact the server reports: it comes from facts.json (`\(CommandFactsFile.importCommand)`); "
                    + "remove it here"
                : "unknown key; a command page's front matter holds only 'summary' (our own sentence)"
                    + Spelling.suggestion(for: name, among: Self.allowedKeys)
            issues.report(fields.location(of: key), field: name, message)
        }
        let summary = fields.text("summary", required: false, issues: &issues)
        if summary?.isEmpty == true {
            issues.report(fields.location(of: fields.value("summary")!), field: "summary", "must not be empty")
        }
        CodeFenceChecker.check(document.body, body: document.bodyLocation, issues: &issues)
        return Prose(
            slug: fileName.lowercased(), summary: summary?.isEmpty == false ? summary : nil, markdown: document.body,
            body: document.bodyLocation, fileLocation: paths.location(url, line: 1))
    }
}
