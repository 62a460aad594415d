import Content
import Foundation
import Testing

/// A small facts.json in the importer's layout: SET (with history), CLUSTER and its subcommand CLUSTER SLOTS,
/// a deprecated SLAVEOF and EVAL_RO (an underscore in the name).
let factsFixture = """
    {
      "format": 1,
      "generated_by": "scripts/import_commands.py",
      "server": "valkey-server 9.1.2",
      "commands": {
        "CLUSTER": {
          "group": "cluster",
          "since": "3.0.0",
          "complexity": "Depends on subcommand.",
          "summary": "A container for Valkey Cluster commands.",
          "arity": -2,
          "acl_categories": ["slow"]
        },
        "CLUSTER SLOTS": {
          "container": "CLUSTER",
          "group": "cluster",
          "since": "3.0.0",
          "complexity": "O(N) where N is the total number of Cluster nodes",
          "summary": "Returns the mapping of cluster slots to nodes.",
          "arity": 2,
          "acl_categories": ["slow"]
        },
        "EVAL_RO": {
          "group": "scripting",
          "since": "7.0.0",
          "complexity": "Depends on the script that is executed.",
          "summary": "Executes a read-only server-side Lua script.",
          "arity": -3,
          "acl_categories": ["slow", "scripting"],
          "arguments": [
            {"name": "script", "type": "string"}
          ]
        },
        "SET": {
          "group": "string",
          "since": "1.0.0",
          "complexity": "O(1)",
          "summary": "Sets the string value of a key.",
          "arity": -3,
          "acl_categories": ["write", "string", "slow"],
          "flags": ["denyoom", "write"],
          "history": [
            ["2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."],
            ["6.0.0", "Added the `KEEPTTL` option."]
          ],
          "arguments": [
            {"name": "key", "type": "key"},
            {"name": "value", "type": "string"},
            {"name": "condition", "type": "oneof", "optional": true, "arguments": [{"name": "nx", "type": "pure-token", "token": "NX"}, {"name": "xx", "type": "pure-token", "token": "XX"}]},
            {"name": "get", "type": "pure-token", "token": "GET", "optional": true}
          ]
        },
        "SLAVEOF": {
          "group": "server",
          "since": "1.0.0",
          "complexity": "O(1)",
          "summary": "Sets a server as a replica of another, or promotes it to being a primary.",
          "arity": 3,
          "acl_categories": ["admin", "slow", "dangerous"],
          "deprecated_since": "5.0.0",
          "replaced_by": "`REPLICAOF`",
          "doc_flags": ["deprecated"]
        }
      }
    }

    """

/// A command page with our own summary and a runnable example.
let setProseFile = """
    ---
    summary: Stores a string.
    ---

    Stores it.

    ```valkey run
    SET a 1
    ```

    """

@Suite("Command reference: facts from the server, prose from us")
struct CommandLoaderTests {
    let setFile = "content/commands/SET.md"
    let factsFile = "content/commands/facts.json"

    func tree(facts: String = factsFixture) throws -> ContentTree {
        let tree = try ContentTree.valid()
        try tree.write("commands/facts.json", facts)
        return tree
    }

    @Test func everyCommandOfTheFactsFileIsLoadedAndProseIsJoinedToIt() throws {
        let tree = try tree()
        defer { tree.delete() }
        try tree.write("commands/SET.md", setProseFile)
        try tree.write("commands/CLUSTER-SLOTS.md", "Which node serves which slots.\n")
        let site = try ContentLoader.load(from: tree.content)
        #expect(site.commands.map(\.name) == ["CLUSTER", "CLUSTER SLOTS", "EVAL_RO", "SET", "SLAVEOF"])
        let set = try #require(site.command(slug: "set"))
        #expect(set.group == .string && set.since == "1.0.0" && set.arity == -3)
        #expect(set.aclCategories == ["write", "string", "slow"])
        #expect(set.flags == ["denyoom", "write"])
        #expect(site.command(slug: "cluster")?.flags == [])
        #expect(set.arguments.count == 4)
        #expect(set.arguments[2].type == .oneof && set.arguments[2].optional)
        #expect(set.arguments[2].arguments.map(\.token) == ["NX", "XX"])
        #expect(set.history == [
            ValkeyCommand.Change(version: "2.6.12", change: "Added the `EX`, `PX`, `NX` and `XX` options."),
            ValkeyCommand.Change(version: "6.0.0", change: "Added the `KEEPTTL` option."),
        ])
        // Our summary replaces the server's, which stays available.
        #expect(set.summary == "Stores a string.")
        #expect(set.serverSummary == "Sets the string value of a key.")
        #expect(set.hasProse && set.markdown.contains("```valkey run"))
        #expect(set.source == SourceLocation(file: setFile, line: 4))

        // A page without front matter is all prose; the server's summary stays.
        let slots = try #require(site.command(slug: "cluster-slots"))
        #expect(slots.container == "CLUSTER" && slots.hasProse)
        #expect(slots.summary == "Returns the mapping of cluster slots to nodes.")
        #expect(slots.markdown == "Which node serves which slots.\n")

        // Commands without prose point at their facts.
        let slaveof = try #require(site.command(slug: "slaveof"))
        #expect(!slaveof.hasProse && slaveof.markdown.isEmpty)
        #expect(slaveof.isDeprecated && slaveof.deprecatedSince == "5.0.0" && slaveof.replacedBy == "`REPLICAOF`")
        #expect(slaveof.source == SourceLocation(file: factsFile, line: 53))
        #expect(site.command(slug: "eval_ro")?.arguments.map(\.name) == ["script"])
    }

    @Test func aFactInAPageIsReportedWithWhereItComesFrom() throws {
        let tree = try tree()
        defer { tree.delete() }
        try tree.write("commands/SET.md", "---\nsummary: Stores.\narity: -3\ngroup: string\nsumary: x\n---\nBody\n")
        let errors = loadErrors(tree)
        #expect(errors.count == 3)
        let arity = try #require(errors.first { $0.field == "arity" })
        #expect(arity.location == SourceLocation(file: setFile, line: 3))
        #expect(arity.message.contains("is a fact the server reports: it comes from facts.json"))
        #expect(arity.message.contains("scripts/import_commands.py"))
        #expect(errors.first { $0.field == "group" }?.location.line == 4)
        #expect(errors.first { $0.field == "sumary" }?.message.contains("did you mean 'summary'?") == true)
    }

    @Test func aPageForACommandTheServerDoesNotKnowIsReported() throws {
        let tree = try tree()
        defer { tree.delete() }
        try tree.write("commands/SETT.md", setProseFile)
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: "content/commands/SETT.md", line: 1))
        #expect(error.message.contains("the server has no command 'SETT'"))
        #expect(error.message.contains("(did you mean SET.md?)"))
    }

    @Test func aMissingFactsFileSaysHowToCreateIt() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("commands/SET.md", setProseFile)
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == factsFile)
        #expect(error.message.contains("create the file with `.venv/bin/python scripts/import_commands.py`"))
    }

    @Test func aBrokenFactNamesTheCommandItsLineAndField() throws {
        let tree = try tree(facts: factsFixture.replacingOccurrences(of: "\"arity\": 2,", with: "\"arity\": \"two\","))
        defer { tree.delete() }
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: factsFile, line: 14))
        #expect(error.field == "CLUSTER SLOTS.arity")
        #expect(error.message.hasPrefix("expected a whole number"))
        #expect(error.message.contains("run `.venv/bin/python scripts/import_commands.py` again"))
    }

    @Test func anUnknownGroupOrArgumentTypeIsReportedAtTheCommand() throws {
        let facts = factsFixture.replacingOccurrences(of: "\"group\": \"string\"", with: "\"group\": \"strings\"")
            .replacingOccurrences(of: "\"type\": \"pure-token\", \"token\": \"XX\"", with: "\"type\": \"flag\", \"token\": \"XX\"")
        let tree = try tree(facts: facts)
        defer { tree.delete() }
        let errors = loadErrors(tree)
        #expect(errors.count == 2)
        let group = try #require(errors.first { $0.field == "SET.group" })
        #expect(group.location == SourceLocation(file: factsFile, line: 34))
        #expect(group.message.contains("'strings' is not a group the reference knows"))
        #expect(group.message.contains("(did you mean 'string'?)"))
        let type = try #require(errors.first { $0.field == "SET.arguments[2].arguments[1].type" })
        #expect(type.message.contains("'flag' is not an argument type"))
    }

    @Test func fileNameMustBeTheCommandInCapitals() throws {
        let tree = try tree()
        defer { tree.delete() }
        try tree.write("commands/set.md", setProseFile)
        try tree.write("commands/notes.txt", "x")
        let errors = loadErrors(tree)
        #expect(errors.count == 2)
        #expect(errors.contains { $0.location.file == "content/commands/set.md" && $0.message.contains("like SET.md") })
        #expect(errors.contains { $0.location.file == "content/commands/notes.txt" })
    }

    @Test func runnableExampleInAnUnknownLanguageIsReportedAtItsLine() throws {
        let tree = try tree()
        defer { tree.delete() }
        try tree.write("commands/SET.md", setProseFile.replacingOccurrences(of: "```valkey run", with: "```rust run"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: setFile, line: 7))
        #expect(error.message.contains("must be one of python, py, javascript, js, valkey, found 'rust'"))
    }
}
