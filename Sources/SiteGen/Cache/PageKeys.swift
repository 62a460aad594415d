import Content
import Foundation

/// The cache key of each page: a digest of everything its HTML is made from, so a page whose key is
/// unchanged need not be rendered or written again.
///
/// A key combines the build as a whole (the sitegen executable, `site.yml`, asset fingerprints, the theme's
/// element ids), the page's template with the partials and parent it uses, the content the page shows in full
/// (a step's `step.md` and starters…) and what it lists of others (its course's step titles, related commands).
/// Content is hashed through reflection, so a field added to the model later is covered without listing it.
struct PageKeys: Sendable {
    private let global: ContentDigest
    private let templates: TemplateDigests
    private let courseListings: [String: ContentDigest]
    private let homeListing: ContentDigest
    private let commandListing: ContentDigest
    private let templateListing: ContentDigest
    private let commandReference: CommandReference

    /// Fields a listing of steps or commands never shows: the bodies. Editing only these re-renders only the
    /// page of that step or command.
    static let bodyFields: Set<String> = [
        "instructions", "instructionsSource", "starters", "solutions", "testSource", "markdown", "source",
    ]

    init(prepared: PreparedSite, templates: TemplateDigests, toolIdentity: String) {
        var global = ContentDigest()
        global.combine(toolIdentity)
        global.combine(reflecting: prepared.site.config)
        global.combine(reflecting: prepared.assets.templateLinks)
        global.combine(prepared.assets.importMap)
        global.combine(reflecting: prepared.theme.elementIDs)
        global.combine(prepared.layout.root)
        self.global = global
        self.templates = templates
        var courseListings: [String: ContentDigest] = [:]
        for course in prepared.site.courses {
            courseListings[course.id] = ContentDigest.of(reflecting: course, skipping: Self.bodyFields)
        }
        self.courseListings = courseListings
        var home = ContentDigest.of(reflecting: prepared.site.pages.first { $0.slug == "index" } as Any)
        for course in prepared.site.courses { home.combine(courseListings[course.id] ?? ContentDigest()) }
        homeListing = home
        commandListing = ContentDigest.of(reflecting: prepared.site.commands, skipping: Self.bodyFields)
        templateListing = ContentDigest.of(reflecting: prepared.site.templates)
        commandReference = prepared.commands
    }

    /// The page's key. A new kind of page must say here what it is made of (the switch is exhaustive on purpose).
    func key(for page: SitePage) -> ContentDigest {
        var digest = global
        digest.combine(page.outputPath)
        digest.combine(templates.digest(of: page.templateName))
        switch page {
        case .home:
            digest.combine(homeListing)
        case .page(let page):
            digest.combine(reflecting: page)
        case .course(let course):
            digest.combine(courseListings[course.id] ?? ContentDigest())
        case .step(let course, let index):
            digest.combine(courseListings[course.id] ?? ContentDigest())
            digest.combine(reflecting: course.steps[index])
        case .commandIndex, .commandGroup:
            digest.combine(commandListing)
        case .command(let command):
            digest.combine(commandListing)
            digest.combine(reflecting: command)
            // "Used in" comes from the steps' bodies, which the course listings skip.
            digest.combine(reflecting: commandReference.lessons(using: command))
        case .templateGallery, .template:
            digest.combine(templateListing)
        case .playground:
            digest.combine(templateListing)
            digest.combine(commandListing)
        case .notFound:
            break
        }
        return digest
    }
}
