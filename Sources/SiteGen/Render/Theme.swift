import Foundation
import Mustache

/// A theme folder: Mustache templates (`templates/`, with `partials/` and a `layout` parent) and static `assets/`.
struct Theme: Sendable {
    var directory: URL
    var templates: MustacheLibrary
    /// Every `id="…"` the templates use, so headings in content never get an id that clashes with them.
    var elementIDs: Set<String>

    /// The templates a build renders; the theme must provide each.
    static let requiredTemplates = ["layout"] + SitePage.Template.allCases.map(\.rawValue)

    var templatesDirectory: URL { directory.appendingPathComponent("templates") }
    var assetsDirectory: URL { directory.appendingPathComponent("assets") }

    static func load(from directory: URL) async throws(SiteGenError) -> Theme {
        let templatesDirectory = directory.appendingPathComponent("templates")
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: templatesDirectory.path)
        } catch let error as MustacheLibrary.ParserError {
            throw SiteGenError(
                "\(templatesDirectory.path)/\(error.filename):\(error.context.lineNumber): template error \(error.error)"
                    + " near: \(error.context.line.trimmingCharacters(in: .whitespaces))")
        } catch {
            throw SiteGenError("cannot load templates from \(templatesDirectory.path): \(error)")
        }
        let missing = requiredTemplates.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw SiteGenError(
                "theme at \(directory.path) lacks templates: "
                    + missing.map { "templates/\($0).mustache" }.joined(separator: ", "))
        }
        return Theme(directory: directory, templates: library, elementIDs: elementIDs(in: templatesDirectory))
    }

    /// Renders `view` with the named template.
    func render(_ view: some Sendable, template name: String) throws(SiteGenError) -> String {
        guard let html = templates.render(view, withTemplate: name) else {
            throw SiteGenError("theme has no template '\(name)'")
        }
        return html
    }

    private static func elementIDs(in templatesDirectory: URL) -> Set<String> {
        var ids: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: templatesDirectory.path) else { return ids }
        let pattern = /\bid="([A-Za-z][A-Za-z0-9_-]*)"/
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: templatesDirectory.appendingPathComponent(path), encoding: .utf8)
            else { continue }
            for match in text.matches(of: pattern) { ids.insert(String(match.1)) }
        }
        return ids
    }
}
