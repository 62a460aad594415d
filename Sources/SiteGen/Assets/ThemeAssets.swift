import Foundation

/// The theme's static files (`theme/assets/`), published under `assets/` with a content hash in each name.
struct ThemeAssets: Sendable {
    var files: [OutputFile]
    /// The link of each file (`/assets/css/site.1f3a9c2e7b.css`), keyed for templates, where
    /// `.` and `/` cannot appear in a name: `css/site.css` → `css_site_css`.
    var templateLinks: [String: String]
    /// An import map sending each ES module's plain URL to its fingerprinted one, so modules can keep
    /// importing `./editor.js` while every file stays cacheable forever.
    var importMap: String

    static func collect(from themeAssets: URL, layout: URLLayout) throws(SiteGenError) -> ThemeAssets {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: themeAssets.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw SiteGenError("theme assets folder not found: \(themeAssets.path)") }
        var assets = ThemeAssets(files: [], templateLinks: [:], importMap: "")
        var imports: [String: String] = [:]
        for path in Self.files(below: themeAssets) {
            guard let data = FileManager.default.contents(atPath: themeAssets.appendingPathComponent(path).path) else {
                throw SiteGenError("cannot read theme asset \(themeAssets.appendingPathComponent(path).path)")
            }
            let published = "assets/" + Fingerprint.name(for: path, contents: data)
            let link = layout.href(published)
            assets.files.append(OutputFile(path: published, contents: data))
            assets.templateLinks[templateKey(for: path)] = link
            if path.hasSuffix(".js") { imports[layout.href("assets/" + path)] = link }
        }
        assets.importMap = ScriptJSON.encode(["imports": imports])
        return assets
    }

    /// `css/site.css` → `css_site_css`.
    static func templateKey(for path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private static func files(below directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            let name = (path as NSString).lastPathComponent
            var isDirectory: ObjCBool = false
            guard !name.hasPrefix("."),
                FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            paths.append(path)
        }
        return paths.sorted()
    }
}
