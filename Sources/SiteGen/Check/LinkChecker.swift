import Content
import Foundation

/// A Markdown text of the content and the page it is published on (relative links resolve against that page).
struct LinkSource: Sendable {
    /// Where the Markdown starts: the file and the line of its first body line.
    var start: SourceLocation
    var markdown: String
    /// The page's path below the site root, e.g. `courses/x/02-ping/`.
    var sitePath: String

    /// Every Markdown text of `site`: free pages, step instructions, command descriptions, template
    /// READMEs, and the navigation links of `site.yml` (as if on the home page).
    static func all(in site: Site) -> [LinkSource] {
        var sources = site.config.nav.map {
            LinkSource(start: $0.source, markdown: "[\($0.title)](\($0.url))", sitePath: "")
        }
        sources += site.pages.map {
            LinkSource(start: $0.source, markdown: $0.markdown, sitePath: URLLayout.sitePath(page: $0))
        }
        for course in site.courses {
            sources += course.steps.map {
                LinkSource(
                    start: $0.instructionsSource, markdown: $0.instructions, sitePath: URLLayout.sitePath(step: $0))
            }
        }
        sources += site.commands.map {
            LinkSource(start: $0.source, markdown: $0.markdown, sitePath: URLLayout.sitePath(command: $0))
        }
        for template in site.templates {
            guard let readme = template.readme else { continue }
            let folder = (template.source.file as NSString).deletingLastPathComponent
            sources.append(
                LinkSource(
                    start: SourceLocation(file: folder + "/README.md", line: 1), markdown: readme,
                    sitePath: URLLayout.sitePath(template: template)))
        }
        return sources
    }
}

/// A link that leads nowhere, phrased `file:line: link '…': what is wrong; what exists`.
struct LinkProblem: Error, Sendable, Equatable, CustomStringConvertible {
    var location: SourceLocation
    var link: String
    var message: String

    var description: String { "\(location): link '\(link)': \(message)" }
}

/// Checks the internal links and `#anchors` of Markdown sources against what the build produces.
struct LinkChecker: Sendable {
    var targets: LinkTargets
    var layout: URLLayout

    /// The problems of every source, in source order, and how many internal links were checked.
    func check(_ sources: [LinkSource]) -> (problems: [LinkProblem], checked: Int) {
        var problems: [LinkProblem] = []
        var checked = 0
        for source in sources {
            for link in MarkdownLinks.links(in: source.markdown) {
                let line = (source.start.line ?? 1) + link.line - 1
                let location = SourceLocation(file: source.start.file, line: line)
                switch check(link.destination, on: source.sitePath) {
                case .external: continue
                case .ok: checked += 1
                case .broken(let message):
                    checked += 1
                    problems.append(LinkProblem(location: location, link: link.destination, message: message))
                }
            }
        }
        return (problems, checked)
    }

    enum Verdict: Equatable {
        case external
        case ok
        case broken(String)
    }

    /// Checks one link written on the page at `sitePath`.
    func check(_ destination: String, on sitePath: String) -> Verdict {
        guard let (path, fragment) = resolve(destination, from: sitePath) else { return .external }
        guard let file = targets.file(forSitePath: path) else {
            return .broken(
                "no page or file '\(link(path))' in the site"
                    + closest(to: path, among: targets.linkablePaths(pagesOnly: !path.contains(".")), shown: link))
        }
        guard let fragment, !fragment.isEmpty else { return .ok }
        guard let ids = targets.anchors[file] else {
            return .broken("'\(link(path))' is not a page, so it has no anchor '#\(fragment)'")
        }
        guard !ids.contains(fragment) else { return .ok }
        let page = path == sitePath && destination.hasPrefix("#") ? "this page" : "'\(link(path))'"
        guard !ids.isEmpty else { return .broken("\(page) has no anchors; remove '#\(fragment)'") }
        return .broken(
            "\(page) has no anchor '#\(fragment)'" + closest(to: fragment, among: ids.sorted(), shown: { "#" + $0 }))
    }

    /// The site path and fragment a link points at, or `nil` for links that leave the site (`https:`, `mailto:`…).
    func resolve(_ destination: String, from sitePath: String) -> (path: String, fragment: String?)? {
        var rest = Substring(destination)
        if rest.hasPrefix("//") || rest.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.\-]*:/) != nil { return nil }
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            fragment = fragment?.removingPercentEncoding ?? fragment
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        let raw = String(rest).removingPercentEncoding ?? String(rest)
        if raw.isEmpty { return (sitePath, fragment) }
        if raw.hasPrefix("/") {
            // Authors write site links from the root (`/courses/x/`); with a `base_url` path they may include it.
            var path = Substring(raw)
            if !layout.root.isEmpty, path == layout.root || path.hasPrefix(layout.root + "/") {
                path = path.dropFirst(layout.root.count)
            }
            return (normalize(String(path.dropFirst())), fragment)
        }
        return (normalize(sitePath + raw), fragment)
    }

    /// Folds `.` and `..` segments, keeping a trailing slash.
    private func normalize(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let joined = segments.joined(separator: "/")
        return path.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }

    private func link(_ sitePath: String) -> String { layout.href(sitePath) }

    /// `; closest: 'x'`, naming the candidate fewest edits away, as the author would write it.
    private func closest(to wanted: String, among candidates: [String], shown: (String) -> String) -> String {
        let scored = candidates.map { ($0, Spelling.distance(wanted, $0)) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return "" }
        return "; closest: '\(shown(best.0))'"
    }
}
