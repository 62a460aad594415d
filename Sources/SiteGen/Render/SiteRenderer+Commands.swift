import Content
import Foundation

/// The command reference: `/commands/`, `/commands/groups/<group>/` and `/commands/<name>/`.
extension SiteRenderer {
    func commandIndexView() -> CommandIndexView {
        let path = URLLayout.commandIndexPath
        let groups = commands.groups.map { groupView($0, withSubcommandSummaries: false) }
        let described = site.commands.count(where: \.hasProse)
        return CommandIndexView(
            site: view(for: path),
            meta: meta(
                title: "Commands",
                description: "Every command the bundled Valkey server knows, with its syntax, facts and examples.",
                sitePath: path, kind: "commands"),
            groups: groups,
            countLabel: Self.countLabel(site.commands.count),
            describedLabel: "\(described) with a guide and examples")
    }

    func commandGroupView(_ group: CommandGroup) -> CommandGroupPageView {
        let path = URLLayout.sitePath(group: group)
        let body = groupView(group, withSubcommandSummaries: true)
        return CommandGroupPageView(
            site: view(for: path),
            meta: meta(
                title: "\(group.title) commands",
                description: "The \(body.countLabel) of the \(group.title) group, with what each does.",
                sitePath: path, kind: "command-group"),
            group: body,
            indexURL: layout.href(URLLayout.commandIndexPath),
            groups: commands.groups.map { other in
                GroupLinkView(
                    id: other.rawValue, title: other.title, url: layout.href(URLLayout.sitePath(group: other)),
                    current: other == group)
            })
    }

    func commandView(_ command: ValkeyCommand) -> CommandView {
        let path = URLLayout.sitePath(command: command)
        let syntax = CommandSyntax(command)
        let description = command.hasProse ? markdown.render(command.markdown).html : ""
        let subcommands = (commands.subcommands[command.name] ?? []).map { commandLink($0) }
        let container = commands.container(of: command).map { [commandLink($0)] } ?? []
        let related = commands.related(to: command).map { commandLink($0) }
        let lessons = commands.lessons(using: command).map { lesson in
            LessonLinkView(
                title: lesson.stepTitle, courseTitle: lesson.courseTitle,
                url: layout.href(URLLayout.sitePath(lessonID: lesson.lessonID)), lessonID: lesson.lessonID)
        }
        // History names options in code (`GET` the option of SET), so its code is not linked to commands.
        let history = command.history.map {
            ChangeView(version: $0.version, changeHTML: inlineHTML($0.change, linkingCommands: false))
        }
        let isContainer = !subcommands.isEmpty
        return CommandView(
            site: view(for: path),
            meta: meta(
                title: command.name, description: command.summary, sitePath: path, kind: "command",
                hasCode: HTMLCode.contains(description)),
            command: CommandDetailView(
                name: command.name, summary: command.summary, hasUsage: !isContainer, syntaxHTML: syntax.html,
                syntaxText: syntax.text, since: command.since, complexity: command.complexity, arity: command.arity,
                arityLabel: Self.arityLabel(command.arity), groupID: command.group.rawValue,
                groupTitle: command.group.title, groupURL: layout.href(URLLayout.sitePath(group: command.group)),
                aclCategories: command.aclCategories.map { "@" + $0 },
                hasACLCategories: !command.aclCategories.isEmpty, flags: command.flags, hasFlags: !command.flags.isEmpty,
                isDeprecated: command.isDeprecated,
                deprecationHTML: deprecationHTML(command), isSystemCommand: command.docFlags.contains("syscmd"),
                history: history, hasHistory: !history.isEmpty, descriptionHTML: description,
                hasProse: command.hasProse),
            indexURL: layout.href(URLLayout.commandIndexPath),
            container: container,
            subcommands: subcommands,
            hasSubcommands: isContainer,
            lessons: lessons,
            hasLessons: !lessons.isEmpty,
            related: related,
            relatedTitle: command.container.map { "Other \($0) subcommands" } ?? "More \(command.group.title) commands",
            hasRelated: !related.isEmpty)
    }

    /// One group: its top-level commands, each container with its subcommands.
    private func groupView(_ group: CommandGroup, withSubcommandSummaries: Bool) -> CommandGroupView {
        let topLevel = commands.topLevel[group] ?? []
        let links = topLevel.map { command in
            var link = commandLink(command)
            link.subcommands = (commands.subcommands[command.name] ?? []).map { commandLink($0) }
            link.hasSubcommands = !link.subcommands.isEmpty
            return link
        }
        let count = links.reduce(0) { $0 + 1 + $1.subcommands.count }
        return CommandGroupView(
            id: group.rawValue, title: group.title, url: layout.href(URLLayout.sitePath(group: group)),
            countLabel: Self.countLabel(count), commands: links)
    }

    func commandLink(_ command: ValkeyCommand) -> CommandLinkView {
        CommandLinkView(
            name: command.name, slug: command.slug, url: layout.href(URLLayout.sitePath(command: command)),
            summary: command.summary, since: command.since, hasProse: command.hasProse,
            isDeprecated: command.isDeprecated, subcommands: [], hasSubcommands: false)
    }

    /// What follows "Deprecated" on the page: `since 5.0.0. Use REPLICAOF instead.`, the server's Markdown rendered
    /// inline and the replacement linked to its page.
    private func deprecationHTML(_ command: ValkeyCommand) -> String {
        guard command.isDeprecated else { return "" }
        var parts: [String] = []
        if let since = command.deprecatedSince { parts.append("since \(HTML.escape(since)).") }
        if let replacement = command.replacedBy, !replacement.isEmpty {
            parts.append("Use \(inlineHTML(replacement, linkingCommands: true)) instead.")
        }
        return parts.joined(separator: " ")
    }

    /// The server's short Markdown (`` `REPLICAOF` ``, `Added the `KEEPTTL` option.`) as inline HTML; with
    /// `linkingCommands`, a command named in code is linked to its page.
    func inlineHTML(_ text: String, linkingCommands: Bool) -> String {
        var html = markdown.render(text).html.trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        guard linkingCommands else { return html }
        return html.replacing(/<code>([A-Z][A-Z0-9_]*(?: [A-Z][A-Z0-9_]*)?)<\/code>/) { match in
            let name = String(match.1)
            guard let command = commands.bySlug[ValkeyCommand.slug(of: name)] else { return String(match.0) }
            return "<a href=\"\(layout.href(URLLayout.sitePath(command: command)))\"><code>\(name)</code></a>"
        }
    }

    static func countLabel(_ count: Int) -> String { count == 1 ? "1 command" : "\(count) commands" }

    /// Arity counts the command's own words: `GET key` is 2, `DEL key [key ...]` is -2 (at least 2).
    static func arityLabel(_ arity: Int) -> String {
        let count = abs(arity)
        let words = count == 1 ? "word" : "words"
        return arity < 0
            ? "\(arity): at least \(count) \(words), the command included"
            : "\(arity): exactly \(count) \(words), the command included"
    }
}
