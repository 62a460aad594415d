import Content

/// The command reference: `/commands/` and `/commands/<name>/`.
extension SiteRenderer {
    func commandIndexView() -> CommandIndexView {
        let path = URLLayout.commandIndexPath
        let groups = CommandGroup.allCases.compactMap { group -> CommandGroupView? in
            let commands = site.commands.filter { $0.group == group }
            guard !commands.isEmpty else { return nil }
            return CommandGroupView(id: group.rawValue, title: group.title, commands: commands.map(commandLink))
        }
        let count = site.commands.count
        return CommandIndexView(
            site: view(for: path),
            meta: meta(
                title: "Commands", description: "Every Valkey command the courses use, with its syntax and examples.",
                sitePath: path, kind: "commands"),
            groups: groups,
            countLabel: count == 1 ? "1 command" : "\(count) commands")
    }

    func commandView(_ command: ValkeyCommand) -> CommandView {
        let path = URLLayout.sitePath(command: command)
        let syntax = CommandSyntax(command)
        let description = markdown.render(command.markdown).html
        let indexURL = layout.href(URLLayout.commandIndexPath)
        let related = site.commands.filter { $0.group == command.group && $0.slug != command.slug }.map(commandLink)
        return CommandView(
            site: view(for: path),
            meta: meta(
                title: command.name, description: command.summary, sitePath: path, kind: "command",
                hasCode: HTMLCode.contains(description)),
            command: CommandDetailView(
                name: command.name, summary: command.summary, syntaxHTML: syntax.html, syntaxText: syntax.text,
                since: command.since, complexity: command.complexity, arity: command.arity,
                arityLabel: Self.arityLabel(command.arity), groupID: command.group.rawValue,
                groupTitle: command.group.title, groupURL: indexURL + "#" + command.group.rawValue,
                aclCategories: command.aclCategories.map { "@" + $0 }, descriptionHTML: description),
            indexURL: indexURL,
            related: related,
            hasRelated: !related.isEmpty)
    }

    func commandLink(_ command: ValkeyCommand) -> CommandLinkView {
        CommandLinkView(
            name: command.name, slug: command.slug, url: layout.href(URLLayout.sitePath(command: command)),
            summary: command.summary)
    }

    /// Arity counts the command's own words: `GET key` is 2, `DEL key [key ...]` is -2 (at least 2).
    static func arityLabel(_ arity: Int) -> String {
        let count = abs(arity)
        let words = count == 1 ? "word" : "words"
        return arity < 0
            ? "\(arity): at least \(count) \(words), the command included"
            : "\(arity): exactly \(count) \(words), the command included"
    }
}
