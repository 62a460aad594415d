import Course
import Foundation

/// Builds the static site: load → validate → render Markdown and templates → write `public/`.
struct SiteBuilder: Sendable {
    var contentDirectory: URL
    var themeDirectory: URL
    var outputDirectory: URL
    var codeMirrorDirectory: URL = CodeMirrorAssets.defaultDirectory

    /// Runs the whole pipeline. Content problems are thrown as `ContentErrors`, everything else as `SiteGenError`.
    func build() async throws -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        let site = try ContentLoader.load(from: contentDirectory)
        let theme = try await Theme.load(from: themeDirectory)
        let layout = URLLayout(baseURL: site.config.baseURL)
        let assets = try ThemeAssets.collect(from: theme.assetsDirectory, layout: layout)
        let codeMirror = try CodeMirrorAssets.collect(from: codeMirrorDirectory)
        let pages = try await SiteRenderer(site: site, theme: theme, assets: assets).renderAll()
        let write = try OutputWriter(directory: outputDirectory).write(pages + assets.files + codeMirror)
        return BuildReport(
            pageCount: pages.count, assetCount: assets.files.count + codeMirror.count, write: write,
            duration: clock.now - start)
    }
}

/// What a build produced, for the command's summary line.
struct BuildReport: Sendable {
    var pageCount: Int
    var assetCount: Int
    var write: WriteReport
    var duration: Duration

    var summary: String {
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        return "built \(pageCount) pages and \(assetCount) assets in "
            + String(format: "%.0f ms", milliseconds)
            + " (\(write.written) written, \(write.unchanged) unchanged, \(write.removed) removed)"
    }
}
