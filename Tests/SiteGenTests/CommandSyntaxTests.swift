import Content
import Testing

@testable import SiteGen

typealias Argument = ValkeyCommand.Argument

func command(_ name: String, _ arguments: [Argument]) -> ValkeyCommand {
    ValkeyCommand(
        name: name, slug: name.lowercased(), group: .string, since: "1.0.0", complexity: "O(1)", arity: -1,
        aclCategories: ["fast"], summary: "", arguments: arguments, markdown: "", source: SourceLocation(file: "x"))
}

func syntax(_ name: String, _ arguments: [Argument]) -> String {
    CommandSyntax(command(name, arguments)).text
}

@Suite("Command syntax lines")
struct CommandSyntaxTests {
    @Test func setReadsLikeValkeysDocs() {
        let line = syntax(
            "SET",
            [
                Argument(name: "key", type: .key),
                Argument(name: "value", type: .string),
                Argument(
                    name: "condition", type: .oneof, optional: true,
                    arguments: [
                        Argument(name: "nx", type: .pureToken, token: "NX"),
                        Argument(name: "xx", type: .pureToken, token: "XX"),
                    ]),
                Argument(name: "get", type: .pureToken, token: "GET", optional: true),
                Argument(
                    name: "expiration", type: .oneof, optional: true,
                    arguments: [
                        Argument(name: "seconds", type: .integer, token: "EX"),
                        Argument(name: "milliseconds", type: .integer, token: "PX"),
                        Argument(name: "unix-time-seconds", type: .unixTime, token: "EXAT"),
                        Argument(name: "keepttl", type: .pureToken, token: "KEEPTTL"),
                    ]),
            ])
        #expect(
            line == "SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | KEEPTTL]")
    }

    @Test func repetitionOfNamesAndBlocks() {
        #expect(syntax("DEL", [Argument(name: "key", type: .key, multiple: true)]) == "DEL key [key ...]")
        #expect(
            syntax("UNSUBSCRIBE", [Argument(name: "channel", type: .string, optional: true, multiple: true)])
                == "UNSUBSCRIBE [channel [channel ...]]")
        let pairs = Argument(
            name: "data", type: .block, multiple: true,
            arguments: [Argument(name: "field", type: .string), Argument(name: "value", type: .string)])
        #expect(syntax("HSET", [Argument(name: "key", type: .key), pairs]) == "HSET key field value [field value ...]")
        var optionalPairs = pairs
        optionalPairs.optional = true
        #expect(syntax("X", [optionalPairs]) == "X [field value [field value ...]]")
    }

    @Test func requiredChoicesUseAngleBrackets() {
        let direction = Argument(
            name: "wherefrom", type: .oneof,
            arguments: [
                Argument(name: "left", type: .pureToken, token: "LEFT"),
                Argument(name: "right", type: .pureToken, token: "RIGHT"),
            ])
        #expect(syntax("LMOVE", [Argument(name: "source", type: .key), direction]) == "LMOVE source <LEFT | RIGHT>")
        var repeated = direction
        repeated.multiple = true
        #expect(syntax("X", [repeated]) == "X <LEFT | RIGHT> [<LEFT | RIGHT> ...]")
    }

    @Test func aChoiceOfOptionalAlternativesIsAnOptionalChoice() {
        let choice = Argument(
            name: "c", type: .oneof,
            arguments: [
                Argument(name: "a", type: .pureToken, token: "A", optional: true),
                Argument(name: "b", type: .pureToken, token: "B", optional: true),
            ])
        #expect(syntax("X", [choice]) == "X [A | B]")
    }

    @Test func tokensBindToTheirValue() {
        // XREAD: optional token+value pairs, then a token on a block of repeated keys and ids.
        let line = syntax(
            "XREAD",
            [
                Argument(name: "count", type: .integer, token: "COUNT", optional: true),
                Argument(name: "milliseconds", type: .integer, token: "block", optional: true),
                Argument(
                    name: "streams", type: .block, token: "STREAMS",
                    arguments: [
                        Argument(name: "key", type: .key, multiple: true),
                        Argument(name: "id", type: .string, multiple: true),
                    ]),
            ])
        #expect(line == "XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]")
        // A token on an optional block: ZRANGE's LIMIT.
        let limit = Argument(
            name: "limit", type: .block, token: "LIMIT", optional: true,
            arguments: [Argument(name: "offset", type: .integer), Argument(name: "count", type: .integer)])
        #expect(syntax("ZRANGE", [limit]) == "ZRANGE [LIMIT offset count]")
        // With multiple_token the token repeats; without it only the value does.
        let get = Argument(
            name: "pattern", type: .pattern, token: "GET", optional: true, multiple: true, multipleToken: true)
        #expect(syntax("SORT", [get]) == "SORT [GET pattern [GET pattern ...]]")
        let ids = Argument(name: "id", type: .string, token: "IDS", multiple: true)
        #expect(syntax("X", [ids]) == "X IDS id [id ...]")
    }

    @Test func nestedBlocksLikeXADD() {
        let trim = Argument(
            name: "trim", type: .block, optional: true,
            arguments: [
                Argument(
                    name: "strategy", type: .oneof,
                    arguments: [
                        Argument(name: "maxlen", type: .pureToken, token: "MAXLEN"),
                        Argument(name: "minid", type: .pureToken, token: "MINID"),
                    ]),
                Argument(
                    name: "operator", type: .oneof, optional: true,
                    arguments: [
                        Argument(name: "equal", type: .pureToken, token: "="),
                        Argument(name: "approximately", type: .pureToken, token: "~"),
                    ]),
                Argument(name: "threshold", type: .string),
                Argument(name: "count", type: .integer, token: "LIMIT", optional: true),
            ])
        let id = Argument(
            name: "id-selector", type: .oneof,
            arguments: [Argument(name: "auto-id", type: .pureToken, token: "*"), Argument(name: "id", type: .string)])
        let data = Argument(
            name: "data", type: .block, multiple: true,
            arguments: [Argument(name: "field", type: .string), Argument(name: "value", type: .string)])
        #expect(
            syntax("XADD", [Argument(name: "key", type: .key), trim, id, data])
                == "XADD key [<MAXLEN | MINID> [= | ~] threshold [LIMIT count]] <* | id> field value [field value ...]")
    }

    @Test func displayNamesAndHTML() {
        let syntax = CommandSyntax(
            command("CLUSTER SLOTS", [Argument(name: "arg", type: .string, optional: true, display: "a<b")]))
        #expect(syntax.text == "CLUSTER SLOTS [a<b]")
        #expect(
            syntax.html
                == #"<span class="syntax-command">CLUSTER SLOTS</span> [<span class="syntax-name">a&lt;b</span>]"#)
        let token = CommandSyntax(command("PING", [Argument(name: "nx", type: .pureToken, token: "nx")]))
        #expect(token.html.contains(#"<span class="syntax-token">NX</span>"#))
    }

    @Test func arityLabelsSayWhatTheNumberMeans() {
        #expect(SiteRenderer.arityLabel(2) == "2: exactly 2 words, the command included")
        #expect(SiteRenderer.arityLabel(-3) == "-3: at least 3 words, the command included")
    }
}
