import Course
import Foundation

/// Where every page of the site lives: the URL layout other components (grader, browser tests) rely on.
///
/// - `/` home, `/<page>/` free pages, `/courses/<course>/` course, `/courses/<course>/<step>/` step,
///   `/assets/…` theme assets (fingerprinted) and `/assets/codemirror/…`, `/404.html`, `/sitemap.xml`.
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
    static func sitePath(step: Step) -> String { "courses/\(step.courseID)/\(step.id)/" }
    static func sitePath(page: Page) -> String { page.slug == "index" ? "" : "\(page.slug)/" }

    /// The link to a site path, as used in `href` and `src`.
    func href(_ sitePath: String) -> String { root + "/" + sitePath }

    /// Authors write site links such as `/courses/x/` in `site.yml`; they move with the site's root.
    func href(authored url: String) -> String {
        url.hasPrefix("/") && !url.hasPrefix("//") ? root + url : url
    }
}
