import Content
import Foundation

/// Where every page of the site lives: the URL layout other components (grader, browser tests) rely on.
///
/// - `/` home, `/<page>/` free pages, `/courses/<course>/` course, `/courses/<course>/<step>/` step,
///   `/commands/` command index, `/commands/groups/<group>/` one group (`/commands/groups/sorted-set/`),
///   `/commands/<name-lowercase>/` one command (`/commands/cluster-slots/`),
///   `/templates/` gallery, `/templates/<name>/` one template and its files as they are
///   (`/templates/<name>/main.py`), `/playground/` (`?template=<name>` opens one),
///   `/assets/…` theme assets (fingerprinted) and `/assets/codemirror/…`, `/search-index.json`, `/404.html`,
///   `/sitemap.xml`.
struct URLLayout: Sendable {
    /// The path the site is published under, taken from `base_url` (`https://x.org/docs` → `/docs`), or empty.
    var root: String

    init(baseURL: String) {
        let path = URL(string: baseURL)?.path ?? ""
        root = path == "/" ? "" : String(path.reversed().drop(while: { $0 == "/" }).reversed())
    }

    /// The output path (below `public/`) of a page at `sitePath` (`courses/x/` → `courses/x/index.html`).
    static func outputPath(forPage sitePath: String) -> String {
        sitePath.isEmpty ? "index.html" : sitePath + "index.html"
    }

    static func sitePath(course: Course) -> String { "courses/\(course.id)/" }
    static func sitePath(step: Step) -> String { sitePath(lessonID: step.lessonID) }
    /// A step by its lesson id (`course/step`), as the command pages' "used in" lists know it.
    static func sitePath(lessonID: String) -> String { "courses/\(lessonID)/" }
    static func sitePath(page: Page) -> String { page.slug == "index" ? "" : "\(page.slug)/" }
    static let commandIndexPath = "commands/"
    static func sitePath(command: ValkeyCommand) -> String { "commands/\(command.slug)/" }
    static func sitePath(group: CommandGroup) -> String { "commands/groups/\(group.rawValue)/" }
    static let templateGalleryPath = "templates/"
    static func sitePath(template: CodeTemplate) -> String { "templates/\(template.name)/" }
    /// A template's file, published as it is beside the template's page.
    static func sitePath(template: CodeTemplate, file: SourceFile) -> String {
        sitePath(template: template) + file.name
    }
    static let playgroundPath = "playground/"
    static let searchIndexPath = "search-index.json"

    /// The link to a site path, as used in `href` and `src`.
    func href(_ sitePath: String) -> String { root + "/" + sitePath }

    /// Authors write site links such as `/courses/x/` in `site.yml`; they move with the site's root.
    func href(authored url: String) -> String {
        url.hasPrefix("/") && !url.hasPrefix("//") ? root + url : url
    }
}
