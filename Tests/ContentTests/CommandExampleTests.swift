import Content
import Foundation
import Testing

@Suite("Runnable valkey examples checked against the server's facts")
struct CommandExampleTests {
    func tree(setPage: String) throws -> ContentTree {
        let tree = try ContentTree.valid()
        try tree.write("commands/facts.json", factsFixture)
        try tree.write("commands/SET.md", setPage)
        return tree
    }

    @Test func anUnknownCommandIsReportedAtItsLineWithTheClosestName() throws {
        let tree = try tree(setPage: "Intro.\n\n```valkey run\nSET a 1\nSTE b 2\n```\n")
        defer { tree.delete() }
        let error = try #require(onlyError(loadErrors(tree)))
        #expect(error.location == SourceLocation(file: "content/commands/SET.md", line: 5))
        #expect(error.message.hasPrefix("the server has no command 'STE' (did you mean SET?)"))
    }

    @Test func aCallWithTooFewOrTooManyWordsNamesTheArity() throws {
        let page = "---\nsummary: Stores.\n---\n```valkey run\n# comments and blank lines are skipped\n\nSET greeting\nCLUSTER SLOTS extra\nset \"hello world\" 'it s'\n```\n"
        let tree = try tree(setPage: page)
        defer { tree.delete() }
        let found = loadErrors(tree)
        #expect(found.count == 2)
        let set = try #require(found.first { $0.location.line == 7 })
        #expect(set.location.file == "content/commands/SET.md")
        #expect(
            set.message
                == "SET takes at least 3 words, the command included (arity -3 in facts.json), found 2: `SET greeting`")
        let slots = try #require(found.first { $0.location.line == 8 })
        #expect(slots.message.hasPrefix("CLUSTER SLOTS takes exactly 2 words"))
    }

    @Test func aContainerNeedsOneOfItsSubcommands() throws {
        let tree = try tree(setPage: "```valkey run\nCLUSTER SLOT\nCLUSTER\n```\n")
        defer { tree.delete() }
        let found = loadErrors(tree)
        #expect(found.count == 2)
        #expect(found[0].message.hasPrefix("CLUSTER is a container: 'SLOT' is not one of its subcommands (did you mean CLUSTER SLOTS?)"))
        #expect(found[1].message.hasPrefix("CLUSTER is a container: it needs a subcommand"))
    }

    @Test func onlyRunnableValkeyBlocksAreChecked() throws {
        let tree = try tree(setPage: "```valkey\nNOPE\n```\n\n```text\nNOPE\n```\n\n~~~valkey run\nSET k v\n~~~\n")
        defer { tree.delete() }
        let site = try ContentLoader.load(from: tree.content)
        #expect(site.command(slug: "set")?.hasProse == true)
    }

    @Test func stepsAndPagesAreCheckedToo() throws {
        let tree = try tree(setPage: "Fine.\n")
        defer { tree.delete() }
        try tree.write("pages/about.md", "---\ntitle: About\n---\nText.\n\n```valkey run\nGET\n```\n")
        try tree.write(
            "courses/demo/01-bind/step.md", "---\ntitle: Bind\n---\nDo it.\n\n```valkey run\nSET \"unbalanced\n```\n")
        let found = loadErrors(tree)
        #expect(found.count == 2)
        #expect(found.contains { $0.location == SourceLocation(file: "content/pages/about.md", line: 7) })
        let step = try #require(found.first { $0.location.file == "content/courses/demo/01-bind/step.md" })
        #expect(step.location.line == 7)
        #expect(step.message.hasPrefix("unbalanced quotes"))
    }

    @Test func aStepUsesTheCommandsItLinksNamesInCodeOrSendsInItsTests() throws {
        let tree = try tree(setPage: "Fine.\n")
        defer { tree.delete() }
        try tree.write(
            "courses/demo/01-bind/step.md",
            "---\ntitle: Bind\n---\nSee [the docs](/commands/eval_ro/).\n\n```\nCLUSTER SLOTS\n```\n")
        try tree.write("courses/demo/02-ping/test.py", "def test_it(c):\n    c.send((\"SET\", \"k\", \"v\"))\n")
        let site = try ContentLoader.load(from: tree.content)
        let usage = CommandUsage(site: site)
        #expect(usage.lessons["eval_ro"]?.map(\.lessonID) == ["demo/01-bind"])
        #expect(usage.lessons["cluster-slots"]?.map(\.lessonID) == ["demo/01-bind"])
        #expect(usage.lessons["set"]?.map(\.lessonID) == ["demo/02-ping"])
        #expect(usage.lessons["cluster"] == nil)
    }
}
