import Foundation

/// Reads the free pages in `content/pages/*.md`.
struct PageLoader: Sendable {
    let paths: ContentPaths
    var reusing: (any ReusableDocuments)? = nil

    static let allowedKeys = ["title", "summary"]
    /// Folders of the site that the generator fills; a page with one of these names would collide with them.
    static let reservedSlugs = ["assets", "commands", "courses", "playground", "templates"]

    func load(issues: inout ContentIssues) -> [Page] {
        let folder = paths.root.appendingPathComponent("pages")
        guard FileSystem.isDirectory(folder) else { return [] }
        let files = FileSystem.entries(of: folder).filter { $0.pathExtension == "md" }
        return files.concurrentLoad(issues: &issues) { url, issues in
            guard FileSystem.isFile(url) else { return nil }
            return loadPage(url, issues: &issues)
        }
    }

    private func loadPage(_ url: URL, issues: inout ContentIssues) -> Page? {
        if let page = reusing?.page(from: url) { return page }
        let slug = url.deletingPathExtension().lastPathComponent
        if !Slug.isValid(slug) {
            issues.report(
                paths.location(url),
                "page file names must be lowercase words joined by '-' (like 'about.md'), since they become URLs")
        }
        if Self.reservedSlugs.contains(slug) {
            issues.report(
                paths.location(url),
                "'\(slug)' is where the site's \(slug) live (/\(slug)/); give the page another file name")
        }
        guard let document = MarkdownDocument.read(url, paths: paths, issues: &issues),
            let fields = document.fields
        else { return nil }
        fields.checkKeys(allowed: Self.allowedKeys, issues: &issues)
        let title = fields.text("title", required: true, issues: &issues)
        let summary = fields.text("summary", required: false, issues: &issues) ?? ""
        CodeFenceChecker.check(document.body, body: document.bodyLocation, issues: &issues)
        guard let title, Slug.isValid(slug), !Self.reservedSlugs.contains(slug) else { return nil }
        return Page(slug: slug, title: title, summary: summary, markdown: document.body, source: document.bodyLocation)
    }
}
