import Mustache

/// The command reference repeats `CommandLinkView` thousands of times (the index, group pages, every page's
/// related commands): answering the template's lookups directly, instead of through `Mirror`, keeps a full build
/// of ~400 command pages fast. `CommandViewsTests` checks that every stored property is answered.
extension CommandLinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "slug": slug
        case "url": url
        case "summary": summary
        case "since": since
        case "hasProse": hasProse
        case "isDeprecated": isDeprecated
        case "subcommands": subcommands
        case "hasSubcommands": hasSubcommands
        default: nil
        }
    }
}
