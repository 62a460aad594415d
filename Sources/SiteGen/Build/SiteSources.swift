import Content
import Foundation

/// The folders a site is made from: content and theme. Building and checking both start here.
struct SiteSources: Sendable {
    var contentDirectory: URL
    var themeDirectory: URL

    /// Loads and validates the content and the theme: everything rendering needs, nothing written.
    func prepare() async throws -> PreparedSite {
        let site = try ContentLoader.load(from: contentDirectory)
        let theme = try await Theme.load(from: themeDirectory)
        let layout = URLLayout(baseURL: site.config.baseURL)
        let assets = try ThemeAssets.collect(from: theme.assetsDirectory, layout: layout)
        return PreparedSite(site: site, theme: theme, assets: assets, layout: layout)
    }
}
