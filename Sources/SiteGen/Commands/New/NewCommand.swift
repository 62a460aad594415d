import ArgumentParser
import Foundation

/// `sitegen new`: scaffolds content that `sitegen check` accepts at once.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Scaffold a course, a step, a command page or a code template, with every field commented.",
        discussion: """
            What it writes passes `sitegen check` at once; `sitegen check --verify --only …` then fails the \
            expected way: the starter fails the example test and the solution is a stub that says so.
            """,
        subcommands: [NewCourseCommand.self, NewStepCommand.self, NewCommandPageCommand.self, NewTemplateCommand.self])
}

/// The content folder every `new` subcommand writes into.
struct ContentOption: ParsableArguments {
    @Option(help: "The content folder.")
    var content = "content"
}

/// Prints what a scaffold wrote and what to do next.
enum ScaffoldReport {
    static func print(_ written: [String], next: String) {
        let here = FileManager.default.currentDirectoryPath + "/"
        for path in written { Console.line("  created \(path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path)") }
        Console.line("sitegen: \(written.count) file\(written.count == 1 ? "" : "s"); next: \(next)")
    }
}
