import Content
import Foundation

/// The folders a site is made from: content and theme. Building and checking both start here.
struct SiteSources: Sendable {
    var contentDirectory: URL
    var themeDirectory: URL

    /// Loads and validates the content and the theme: everything rendering needs, nothing written.
    /// Pages and steps that `reusing` offers (an incremental build's unchanged ones) are not read again.
    func prepare(reusing: (any ReusableDocuments)? = nil) async throws -> PreparedSite {
        let site = try ContentLoader.load(from: contentDirectory, reusing: reusing)
        let theme = try await Theme.load(from: themeDirectory)
        let layout = URLLayout(baseURL: site.config.baseURL)
        let assets = try ThemeAssets.collect(from: theme.assetsDirectory, layout: layout)
        return PreparedSite(site: site, theme: theme, assets: assets, layout: layout)
    }
}
