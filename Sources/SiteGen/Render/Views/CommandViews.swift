/// `/commands/`: every command, grouped, with a filter box.
struct CommandIndexView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var groups: [CommandGroupView]
    var countLabel: String
}

/// One group of the command index (`Strings`, `Lists`…), the target of `/commands/#<group>`.
struct CommandGroupView: Sendable {
    /// The group's id in Valkey's terms (`sorted-set`), also the heading's `id`.
    var id: String
    var title: String
    var commands: [CommandLinkView]
}

/// A link to a command's page, with what it does.
struct CommandLinkView: Sendable {
    var name: String
    var slug: String
    var url: String
    var summary: String
}

/// `/commands/<name>/`: the facts, the usage line, our description and runnable examples.
struct CommandView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var command: CommandDetailView
    var indexURL: String
    /// Other commands of the same group.
    var related: [CommandLinkView]
    var hasRelated: Bool
}

/// The facts of one command as the page shows them.
struct CommandDetailView: Sendable {
    var name: String
    var summary: String
    /// The usage line as styled spans (see `CommandSyntax.html`).
    var syntaxHTML: String
    /// The usage line as plain text, for copying and for `data-syntax`.
    var syntaxText: String
    var since: String
    var complexity: String
    var arity: Int
    /// `3: exactly 3 words…` / `-3: at least 3 words…`.
    var arityLabel: String
    var groupID: String
    var groupTitle: String
    var groupURL: String
    /// With the `@`: `@write`, `@string`, `@slow`.
    var aclCategories: [String]
    var descriptionHTML: String
}
