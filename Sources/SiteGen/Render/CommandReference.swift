import Content

/// The command reference indexed once per build, so each of its ~400 pages finds what it lists without
/// scanning every command: each group's top-level commands, each container's subcommands, and the lessons
/// that use each command.
struct CommandReference: Sendable {
    /// Top-level commands (containers included, subcommands not) of each group, by name.
    let topLevel: [CommandGroup: [ValkeyCommand]]
    /// The subcommands of each container, by the container's name (`CLUSTER` → `CLUSTER SLOTS`, …), by name.
    let subcommands: [String: [ValkeyCommand]]
    /// By slug.
    let bySlug: [String: ValkeyCommand]
    /// The lessons that use each command, by slug (see `CommandUsage`).
    let usage: CommandUsage

    init(site: Site) {
        var topLevel: [CommandGroup: [ValkeyCommand]] = [:]
        var subcommands: [String: [ValkeyCommand]] = [:]
        var bySlug: [String: ValkeyCommand] = [:]
        for command in site.commands {
            bySlug[command.slug] = command
            if let container = command.container {
                subcommands[container, default: []].append(command)
            } else {
                topLevel[command.group, default: []].append(command)
            }
        }
        self.topLevel = topLevel
        self.subcommands = subcommands
        self.bySlug = bySlug
        usage = CommandUsage(site: site)
    }

    /// The groups that have commands, in the reference's order.
    var groups: [CommandGroup] { CommandGroup.allCases.filter { topLevel[$0] != nil } }

    /// What a command page offers next: a subcommand's siblings, or the other top-level commands of its group.
    func related(to command: ValkeyCommand) -> [ValkeyCommand] {
        let pool = command.container.map { subcommands[$0] ?? [] } ?? topLevel[command.group] ?? []
        return pool.filter { $0.slug != command.slug }
    }

    func container(of command: ValkeyCommand) -> ValkeyCommand? {
        command.container.flatMap { bySlug[ValkeyCommand.slug(of: $0)] }
    }

    func lessons(using command: ValkeyCommand) -> [CommandUsage.Lesson] {
        usage.lessons[command.slug] ?? []
    }
}
