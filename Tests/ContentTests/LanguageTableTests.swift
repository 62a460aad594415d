import Content
import Foundation
import Testing

/// `Language.all` is the language table; the runner's `runner/languages.json` must agree with
/// it on every language the grader offers (ids, main files, needing a server).
@Suite struct LanguageTableTests {
    struct Row: Decodable {
        var main: String?
        var needsServer: Bool?
        var `internal`: String?
    }

    static let runnerTable: [String: Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("runner/languages.json")
        var object = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        object = object.filter { !$0.key.hasPrefix("_") }
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try! JSONDecoder().decode([String: Row].self, from: data)
    }()

    @Test(arguments: Language.all)
    func theRunnerKnowsEachLanguageAsTheGraderDoes(_ language: Language) throws {
        let row = try #require(Self.runnerTable[language.id], "runner/languages.json has no \(language.id)")
        #expect(row.main == language.mainFile)
        #expect((row.needsServer ?? false) == language.needsServer)
    }

    @Test func everyOtherRunnerLanguageIsMarkedInternal() {
        let offered = Set(Language.all.map(\.id))
        let extra = Self.runnerTable.filter { !offered.contains($0.key) }
        #expect(!extra.isEmpty, "the runner has its own languages (valkey-server)")
        for (id, row) in extra {
            #expect(row.`internal` != nil, "\(id) is neither in Language.all nor marked internal")
        }
    }

    @Test func namesAndAliasesAreUnique() {
        let words = Language.all.flatMap { [$0.id] + $0.aliases }
        #expect(Set(words).count == words.count)
        #expect(Language.named("py") == .python && Language.named("js") == .javascript)
        #expect(Language.ofFile("main.mjs") == .javascript && Language.ofFile("notes.txt") == nil)
        #expect(Language.valkey.defaultServer == .standalone && Language.python.defaultServer == .none)
    }
}
