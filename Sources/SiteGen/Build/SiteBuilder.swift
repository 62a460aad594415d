import Content
import Foundation

/// Builds the static site: load → validate → render Markdown and templates → write `public/`.
///
/// Builds are incremental: a `BuildCache` beside the output folder makes a build with no changes end after a
/// scan of file stamps, and a build after an edit render (in parallel) and write only the pages whose inputs
/// changed.
struct SiteBuilder: Sendable {
    var contentDirectory: URL
    var themeDirectory: URL
    var outputDirectory: URL
    var codeMirrorDirectory: URL = CodeMirrorAssets.defaultDirectory
    /// Where the cache lives; `nil` means `.build/sitegen/<output folder name>.cache` beside the output folder.
    var cacheFile: URL? = nil
    /// `false` renders and compares everything, as a first build does.
    var usesCache = true

    /// The cache file used when none is given: never inside the output folder, so it is never published.
    var resolvedCacheFile: URL {
        cacheFile
            ?? outputDirectory.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".build/sitegen/\(outputDirectory.standardizedFileURL.lastPathComponent).cache")
    }

    /// The pages and steps of the last good build (`DocumentSnapshot`), beside the cache.
    var documentsFile: URL { URL(fileURLWithPath: resolvedCacheFile.path + ".documents") }

    var sources: SiteSources { SiteSources(contentDirectory: contentDirectory, themeDirectory: themeDirectory) }

    /// Loads and validates the content and the theme: everything rendering needs, nothing written yet.
    func prepare() async throws -> PreparedSite { try await sources.prepare() }

    /// Runs the whole pipeline. Content problems are thrown as `ContentErrors`, everything else as `SiteGenError`.
    func build() async throws -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        let identity = BuildCache.identity(options: [
            contentDirectory, themeDirectory, outputDirectory, codeMirrorDirectory,
        ])
        let scannedAt = Self.nanosecondsSince1970()
        let inputs = scanInputs()
        let racy = usesCache ? BuildCache.racyDigests(inputs, scannedAt: scannedAt) : [:]
        let cache = usesCache ? BuildCache.load(from: resolvedCacheFile, identity: identity) : nil
        if let cache, BuildPlan.nothingChanged(since: cache, inputs: inputs, outputDirectory: outputDirectory) {
            let pages = cache.outputs.values.filter { $0.key != BuildCache.notAPage }.count
            return BuildReport(
                pageCount: pages, rendered: 0, write: WriteReport(), duration: clock.now - start, root: cache.root,
                loadedContent: false)
        }

        let documentStamps = DocumentStamps(inputs: inputs, contentDirectory: contentDirectory, scannedAt: scannedAt)
        let snapshot = usesCache ? DocumentSnapshot.load(from: documentsFile, identity: identity) : nil
        let prepared = try await sources.prepare(reusing: snapshot?.reusable(with: documentStamps))
        // Saved while the pages render, on the core rendering leaves idle: a loaded site is valid, so its documents
        // may be reused whatever happens to this build afterwards.
        let documentsSaved = Task.detached { [usesCache, documentsFile] in
            guard usesCache else { return }
            try? DocumentSnapshot(site: prepared.site, stamps: documentStamps).save(to: documentsFile, identity: identity)
        }
        let codeMirror = try CodeMirrorAssets.collect(from: codeMirrorDirectory)
        let renderer = prepared.renderer
        let pages = SitePage.all(in: prepared.site)
        let keys = PageKeys(
            prepared: prepared, templates: TemplateDigests(templatesDirectory: prepared.theme.templatesDirectory),
            toolIdentity: identity)
        let plan = BuildPlan(pages: pages, keys: keys, cache: cache, outputDirectory: outputDirectory)
        let rendered = try await renderer.render(plan.stale)
        let siteWide = await renderer.siteWideFiles(for: pages)
        let files = rendered + siteWide + prepared.assets.files + codeMirror
        let write = try OutputWriter(directory: outputDirectory).write(files, keeping: plan.reused)
        if usesCache {
            let next = plan.nextCache(
                identity: identity, inputs: inputs, scannedAt: scannedAt, racy: racy, root: prepared.layout.root,
                written: files.map(\.path), outputDirectory: outputDirectory)
            // A cache that cannot be saved only makes the next build slower.
            try? next.save(to: resolvedCacheFile)
        }
        await documentsSaved.value
        return BuildReport(
            pageCount: pages.count, rendered: plan.stale.count, write: write, duration: clock.now - start,
            root: prepared.layout.root, loadedContent: true)
    }

    /// The stamps of everything a build reads: content, theme, and the CodeMirror files it copies.
    private func scanInputs() -> FileStamps {
        var inputs = FileStamps.scan([contentDirectory, themeDirectory])
        for path in CodeMirrorAssets.files {
            let file = codeMirrorDirectory.appendingPathComponent(path).standardizedFileURL.path
            inputs.stamps[file] = FileStamp.of(file)
        }
        return inputs
    }

    private static func nanosecondsSince1970() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1e9)
    }
}

/// A loaded, validated site with its theme: the input of rendering and of link checking.
struct PreparedSite: Sendable {
    var site: Site
    var theme: Theme
    var assets: ThemeAssets
    var layout: URLLayout
    /// The command reference indexed once (groups, subcommands, the lessons using each command).
    var commands: CommandReference

    init(site: Site, theme: Theme, assets: ThemeAssets, layout: URLLayout) {
        self.site = site
        self.theme = theme
        self.assets = assets
        self.layout = layout
        commands = CommandReference(site: site)
    }

    var renderer: SiteRenderer { SiteRenderer(site: site, theme: theme, assets: assets, commands: commands) }
}

/// What a build did, for the command's summary line.
struct BuildReport: Sendable {
    var pageCount: Int
    /// Pages rendered by this build; the others were reused from the output folder as they were.
    var rendered: Int
    var write: WriteReport
    var duration: Duration
    /// The site's URL path prefix (`URLLayout.root`).
    var root: String
    /// `false` when the cache showed that nothing changed, so nothing was even read.
    var loadedContent: Bool

    var reused: Int { pageCount - rendered }

    var summary: String {
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        return "\(pageCount) pages: \(rendered) rendered, \(reused) reused; \(write.written) files written, "
            + "\(write.removed) removed in " + String(format: "%.0f ms", milliseconds)
    }
}
