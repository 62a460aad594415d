import Foundation

/// What a build has to do, decided from the cache the last build left: nothing at all, or
/// which pages to render and which output files to keep as they are.
struct BuildPlan: Sendable {
    /// Pages whose key changed (or whose output file was touched or removed): rendered.
    var stale: [SitePage]
    /// Output paths of pages that are exactly as the last build wrote them: kept.
    var reused: [String]
    /// The stamps the reused files were just found to have, so the next cache need not `stat` them again.
    private var reusedStamps: [String: FileStamp] = [:]
    /// Each page's key, by output path, for the next cache.
    var keys: [String: UInt64]

    /// Before anything is loaded: whether the inputs and every output are as `cache` recorded,
    /// so the build has nothing to do.
    static func nothingChanged(since cache: BuildCache?, inputs: FileStamps, outputDirectory: URL) -> Bool {
        guard let cache else { return false }
        return cache.isFresh(inputs: inputs) && cache.outputsIntact(in: outputDirectory)
    }

    /// Sorts `pages` into stale and reused by their keys against `cache` (nil: everything is stale).
    init(pages: [SitePage], keys pageKeys: PageKeys, cache: BuildCache?, outputDirectory: URL) {
        let outputRoot = outputDirectory.path + "/"
        (stale, reused, keys) = ([], [], [:])
        // Keys hash every page's content and each check is a `stat`: on every core.
        let checked = pages.concurrentlyMapped { page -> (key: UInt64, intact: FileStamp?) in
            let key = pageKeys.key(for: page).value
            guard let recorded = cache?.outputs[page.outputPath], recorded.key == key,
                FileStamp.of(outputRoot + page.outputPath) == recorded.stamp
            else { return (key, nil) }
            return (key, recorded.stamp)
        }
        for (page, check) in zip(pages, checked) {
            keys[page.outputPath] = check.key
            if let stamp = check.intact {
                reused.append(page.outputPath)
                reusedStamps[page.outputPath] = stamp
            } else {
                stale.append(page)
            }
        }
    }

    /// The cache this build leaves for the next: the stamps of every file now in the output
    /// (`written` and the reused ones), each with its page key.
    func nextCache(
        identity: String, inputs: FileStamps, scannedAt: Int64, racy: [String: UInt64], root: String,
        written: [String], outputDirectory: URL
    ) -> BuildCache {
        let outputRoot = outputDirectory.path + "/"
        var outputs: [String: BuildCache.Output] = [:]
        for path in written + reused {
            guard let stamp = reusedStamps[path] ?? FileStamp.of(outputRoot + path) else { continue }
            outputs[path] = BuildCache.Output(key: keys[path] ?? BuildCache.notAPage, stamp: stamp)
        }
        return BuildCache(
            identity: identity, inputs: BuildCache.digest(of: inputs), scannedAt: scannedAt, root: root,
            outputs: outputs, racy: racy)
    }
}
