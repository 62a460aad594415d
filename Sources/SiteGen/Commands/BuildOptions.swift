import ArgumentParser
import Foundation

/// The folders and cache options of the commands that build the site (`build`, `serve`).
struct BuildOptions: ParsableArguments {
    @Option(help: "The content folder.")
    var content = "content"

    @Option(help: "The theme folder (templates/ and assets/).")
    var theme = "theme"

    @Option(help: "Where to write the site.")
    var output = "public"

    @Option(help: "Where CodeMirror 5 is installed (Debian's libjs-codemirror).")
    var codemirror = CodeMirrorAssets.defaultDirectory.path

    @Option(help: "The incremental-build cache file (default: .build/sitegen/<output name>.cache beside the output).")
    var cache: String?

    @Flag(help: "Render every page, ignoring and not updating the cache.")
    var noCache = false

    var builder: SiteBuilder {
        SiteBuilder(
            contentDirectory: URL(fileURLWithPath: content), themeDirectory: URL(fileURLWithPath: theme),
            outputDirectory: URL(fileURLWithPath: output), codeMirrorDirectory: URL(fileURLWithPath: codemirror),
            cacheFile: cache.map { URL(fileURLWithPath: $0) }, usesCache: !noCache)
    }
}
