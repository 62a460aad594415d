import ArgumentParser

/// The `sitegen` command line: builds and checks the CodeAlong static site.
@main
struct SiteGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build and check the CodeAlong static site.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self]
    )
}
