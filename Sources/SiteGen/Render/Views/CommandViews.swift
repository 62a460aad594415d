/// `/commands/`: every command, grouped (subcommands under their container), with a filter box.
struct CommandIndexView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var groups: [CommandGroupView]
    var countLabel: String
    /// `112 with a guide and examples`.
    var describedLabel: String
}

/// One group of the command index (`Strings`, `Lists`…), the target of `/commands/#<group>`, and the body of the
/// group's own page.
struct CommandGroupView: Sendable {
    /// The group's id in Valkey's terms (`sorted-set`), also the heading's `id`.
    var id: String
    var title: String
    /// The group's page, `/commands/groups/<id>/`.
    var url: String
    /// `24 commands`, subcommands included.
    var countLabel: String
    /// Top-level commands; containers carry their subcommands.
    var commands: [CommandLinkView]
}

/// `/commands/groups/<id>/`: one group's commands with their facts at a glance.
struct CommandGroupPageView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var group: CommandGroupView
    var indexURL: String
    /// Every group, for moving between them (the current one marked).
    var groups: [GroupLinkView]
}

/// A group in the groups navigation.
struct GroupLinkView: Sendable {
    var id: String
    var title: String
    var url: String
    var current: Bool
}

/// A link to a command's page, with what it does.
struct CommandLinkView: Sendable {
    var name: String
    var slug: String
    var url: String
    var summary: String
    var since: String
    /// Whether the page has our guide and examples, not only the server's facts.
    var hasProse: Bool
    var isDeprecated: Bool
    /// A container's subcommands (only in the index and group pages).
    var subcommands: [CommandLinkView]
    var hasSubcommands: Bool
}

/// `/commands/<name>/`: the facts, the usage line, our description and runnable examples, the lessons that use
/// the command and its neighbours.
struct CommandView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var command: CommandDetailView
    var indexURL: String
    /// The container of a subcommand (breadcrumbs), as a one-element list.
    var container: [CommandLinkView]
    /// A container's subcommands.
    var subcommands: [CommandLinkView]
    var hasSubcommands: Bool
    var lessons: [LessonLinkView]
    var hasLessons: Bool
    /// A subcommand's siblings, or the other commands of the group.
    var related: [CommandLinkView]
    var relatedTitle: String
    var hasRelated: Bool
}

/// A lesson that uses the command.
struct LessonLinkView: Sendable {
    var title: String
    var courseTitle: String
    var url: String
    /// `course/step`, the id progress is stored under.
    var lessonID: String
}

/// The facts of one command as the page shows them.
struct CommandDetailView: Sendable {
    var name: String
    var summary: String
    /// A container (`CLIENT`) has no usage line of its own: its subcommands have.
    var hasUsage: Bool
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
    var hasACLCategories: Bool
    /// COMMAND INFO's flags: `readonly`, `fast`, `blocking`…
    var flags: [String]
    var hasFlags: Bool
    var isDeprecated: Bool
    /// `Deprecated since 5.0.0. Use <a…>REPLICAOF</a> instead.`, HTML.
    var deprecationHTML: String
    /// The server marks it as a command servers send each other, not one for applications.
    var isSystemCommand: Bool
    var history: [ChangeView]
    var hasHistory: Bool
    /// Our guide and examples; empty when the page shows only the server's facts.
    var descriptionHTML: String
    var hasProse: Bool
}

/// One entry of a command's history.
struct ChangeView: Sendable {
    var version: String
    /// The server's words, Markdown rendered inline.
    var changeHTML: String
}
