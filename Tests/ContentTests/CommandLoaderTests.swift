import Content
import Foundation
import Testing

/// A valid command file: SET with a oneof, a pure token and nested tokens, plus a runnable example.
let setCommandFile = """
    ---
    group: string
    since: 1.0.0
    complexity: O(1)
    arity: -3
    acl_categories: [write, "@string", slow]
    summary: Stores a string.
    arguments:
      - {name: key, type: key}
      - {name: value, type: string}
      - name: condition
        type: oneof
        optional: true
        arguments:
          - {name: nx, type: pure-token, token: NX}
          - {name: xx, type: pure-token, token: XX}
      - {name: get, type: pure-token, token: GET, optional: true}
    ---

    Stores it.

    ```valkey run
    SET a 1
    ```

    """

@Suite("Command reference files")
struct CommandLoaderTests {
    let setFile = "content/commands/SET.md"

    @Test func loadsFactsArgumentsAndDescription() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("commands/SET.md", setCommandFile)
        try tree.write(
            "commands/CLUSTER-SLOTS.md",
            "---\ngroup: cluster\nsince: 3.0.0\ncomplexity: O(N)\narity: 2\nacl_categories: [slow]\nsummary: Slots.\n---\nMap.\n"
        )
        let site = try ContentLoader.load(from: tree.content)
        #expect(site.commands.map(\.name) == ["CLUSTER SLOTS", "SET"])
        let set = try #require(site.command(slug: "set"))
        #expect(set.group == .string)
        #expect(set.since == "1.0.0")
        #expect(set.arity == -3)
        #expect(set.aclCategories == ["write", "string", "slow"])
        #expect(set.arguments.count == 4)
        #expect(set.arguments[2].type == .oneof && set.arguments[2].optional)
        #expect(set.arguments[2].arguments.map(\.token) == ["NX", "XX"])
        #expect(set.markdown.contains("```valkey run"))
        #expect(set.source == SourceLocation(file: setFile, line: 19))
        let slots = try #require(site.command(slug: "cluster-slots"))
        #expect(slots.name == "CLUSTER SLOTS" && slots.arguments.isEmpty)
    }

    @Test func unknownGroupNamesTheFileLineAndAllowedGroups() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "commands/SET.md", setCommandFile.replacingOccurrences(of: "group: string", with: "group: strings"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: setFile, line: 2))
        #expect(error.field == "group")
        #expect(error.message.hasPrefix("must be one of string, list, hash, set, sorted-set, stream, pubsub"))
        #expect(error.message.hasSuffix("found 'strings' (did you mean 'string'?)"))
    }

    @Test func missingFieldsAreEachNamed() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("commands/GET.md", "---\nsummary: Reads.\n---\nBody\n")
        let errors = loadErrors(tree)
        #expect(Set(errors.compactMap(\.field)) == ["group", "since", "complexity", "arity", "acl_categories"])
        #expect(errors.allSatisfy { $0.location == SourceLocation(file: "content/commands/GET.md", line: 2) })
        let group = try #require(errors.first { $0.field == "group" })
        #expect(group.message.contains("one of string, list"))
    }

    @Test func unknownArgumentTypeNamesItsPathInTheTree() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "commands/SET.md",
            setCommandFile.replacingOccurrences(of: "type: pure-token, token: XX", with: "type: puretoken, token: XX"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: setFile, line: 16))
        #expect(error.field == "arguments[2].arguments[1].type")
        #expect(
            error.message.contains(
                "must be one of string, integer, double, key, pattern, unix-time, pure-token, oneof, block"))
        #expect(error.message.contains("did you mean 'pure-token'?"))
    }

    @Test func argumentShapeRulesAreChecked() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "commands/SET.md",
            """
            ---
            group: string
            since: 1.0.0
            complexity: O(1)
            arity: -3
            acl_categories: [write]
            summary: Stores a string.
            arguments:
              - {name: key, type: key, arguments: [{name: x, type: string}]}
              - {name: flag, type: pure-token}
              - name: choice
                type: oneof
                arguments:
                  - {name: only, type: string}
              - {name: value, type: string, multiple_token: true}
              - {name: extra, type: string, optinal: true}
            ---
            Body
            """)
        let errors = loadErrors(tree)
        func error(_ field: String) -> ContentError? { errors.first { $0.field == field } }
        #expect(error("arguments[0].arguments")?.message.contains("only 'oneof' and 'block'") == true)
        #expect(error("arguments[1].token")?.message.contains("needs its word in 'token'") == true)
        #expect(error("arguments[2].arguments")?.message.contains("at least two alternatives") == true)
        #expect(error("arguments[3].multiple_token")?.message.contains("needs 'token' and 'multiple: true'") == true)
        #expect(error("arguments[4].optinal")?.message.contains("did you mean 'optional'?") == true)
        #expect(error("arguments[1].token")?.location == SourceLocation(file: setFile, line: 10))
        #expect(errors.count == 5)
    }

    @Test func unknownACLCategoryGetsASuggestion() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("commands/SET.md", setCommandFile.replacingOccurrences(of: "slow]", with: "slwo]"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.field == "acl_categories")
        #expect(error.location.line == 6)
        #expect(error.message.contains("unknown ACL category 'slwo'"))
        #expect(error.message.contains("(did you mean 'slow'?)"))
    }

    @Test func fileNameMustBeTheCommandInCapitals() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("commands/set.md", setCommandFile)
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location.file == "content/commands/set.md")
        #expect(error.message.contains("like SET.md or CLUSTER-SLOTS.md"))
    }

    @Test func nameMustMatchTheFile() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "commands/SET.md",
            setCommandFile.replacingOccurrences(of: "group: string\n", with: "group: string\nname: GETSET\n"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.field == "name" && error.location.line == 3)
        #expect(error.message.contains("does not match the file name SET.md"))
    }

    @Test func arityAndVersionAreChecked() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write(
            "commands/SET.md",
            setCommandFile.replacingOccurrences(of: "since: 1.0.0", with: "since: one").replacingOccurrences(
                of: "arity: -3", with: "arity: 0"))
        let errors = loadErrors(tree)
        #expect(errors.count == 2)
        #expect(
            errors.contains {
                $0.field == "since" && $0.location.line == 3 && $0.message.contains("a version such as 1.0.0")
            })
        #expect(
            errors.contains { $0.field == "arity" && $0.location.line == 5 && $0.message.contains("must not be 0") })
    }

    @Test func runnableExampleInAnUnknownLanguageIsReportedAtItsLine() throws {
        let tree = try ContentTree.valid()
        defer { tree.delete() }
        try tree.write("commands/SET.md", setCommandFile.replacingOccurrences(of: "```valkey run", with: "```rust run"))
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: setFile, line: 22))
        #expect(error.message.contains("must be one of python, py, javascript, js, valkey, found 'rust'"))
    }
}
