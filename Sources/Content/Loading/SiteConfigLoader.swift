import Foundation

/// Reads `content/site.yml`.
struct SiteConfigLoader {
    let paths: ContentPaths

    static let allowedKeys = ["title", "base_url", "grader_url", "nav"]

    func load(issues: inout ContentIssues) -> SiteConfig? {
        let url = paths.root.appendingPathComponent("site.yml")
        let file = paths.display(url)
        guard
            let fields = YAMLMapping.load(
                url, as: file, advice: "create it with at least 'title: …' and 'base_url: https://…'",
                allowedKeys: Self.allowedKeys, issues: &issues) ?? nil
        else { return nil }

        let title = fields.text("title", required: true, issues: &issues)
        let baseURL = fields.text("base_url", required: true, issues: &issues)
        let graderURL = fields.text("grader_url", required: false, issues: &issues) ?? ""
        if let baseURL, !Self.isHTTPURL(baseURL) {
            issues.report(
                fields.location(of: fields.value("base_url")!), field: "base_url",
                "must be an absolute http:// or https:// URL, found '\(baseURL)'")
        }
        if !graderURL.isEmpty, !Self.isHTTPURL(graderURL) {
            issues.report(
                fields.location(of: fields.value("grader_url")!), field: "grader_url",
                "must be empty (same origin as the site) or an absolute http:// or https:// URL, found '\(graderURL)'")
        }
        let nav = loadNav(fields, issues: &issues)

        guard let title, let baseURL else { return nil }
        return SiteConfig(
            title: title, baseURL: Self.trimmingTrailingSlashes(baseURL),
            graderURL: Self.trimmingTrailingSlashes(graderURL), nav: nav)
    }

    private func loadNav(_ fields: YAMLMapping, issues: inout ContentIssues) -> [NavItem] {
        guard let entries = fields.list("nav", required: false, issues: &issues) else { return [] }
        return entries.compactMap { entry in
            guard let item = fields.mapping(entry, field: "nav", issues: &issues) else { return nil }
            item.checkKeys(allowed: ["title", "url"], issues: &issues)
            let title = item.text("title", required: true, issues: &issues)
            let url = item.text("url", required: true, issues: &issues)
            guard let title, let url else { return nil }
            return NavItem(title: title, url: url, source: item.value("url").map(item.location(of:)) ?? item.startLocation)
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }

    static func trimmingTrailingSlashes(_ text: String) -> String {
        var result = Substring(text)
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
