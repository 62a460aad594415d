import Mustache
import Testing

@testable import SiteGen

@Suite("Command reference views")
struct CommandViewsTests {
    /// `CommandLinkView` answers templates without `Mirror`; a property added later must be answered too.
    @Test func everyPropertyOfACommandLinkIsAnsweredToTemplates() {
        let sub = CommandLinkView(
            name: "CLUSTER SLOTS", slug: "cluster-slots", url: "/commands/cluster-slots/", summary: "Slots.",
            since: "3.0.0", hasProse: false, isDeprecated: true, subcommands: [], hasSubcommands: false)
        let link = CommandLinkView(
            name: "CLUSTER", slug: "cluster", url: "/commands/cluster/", summary: "Container.", since: "3.0.0",
            hasProse: true, isDeprecated: false, subcommands: [sub], hasSubcommands: true)
        let properties = Mirror(reflecting: link).children.compactMap(\.label)
        #expect(properties.count == 9)
        for property in properties {
            let answered = link.child(named: property)
            let stored = Mirror(reflecting: link).children.first { $0.label == property }?.value
            #expect(answered != nil, "child(named: \"\(property)\") is not answered")
            #expect(String(describing: answered ?? "") == String(describing: stored ?? ""), "\(property)")
        }
        #expect(link.child(named: "nothing") == nil)
    }
}
