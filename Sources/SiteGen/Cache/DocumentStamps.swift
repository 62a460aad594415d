import Foundation

/// What one scan of the inputs says about each document: a digest of the stamps of a page's file and of every file
/// in a step's folder, and which of them changed too close to the scan to be trusted by stamp.
struct DocumentStamps: Sendable {
    /// Page file path → digest of its stamp.
    var pageFiles: [String: UInt64] = [:]
    /// Step folder path → digest of the paths and stamps of every file below it.
    var stepFolders: [String: UInt64] = [:]
    /// Page files and step folders holding a file modified within `BuildCache.racyWindow` of the scan.
    var racy: Set<String> = []

    init(inputs: FileStamps, contentDirectory: URL, scannedAt: Int64) {
        let root = contentDirectory.standardizedFileURL.path
        let pagesPrefix = root + "/pages/"
        let coursesPrefix = root + "/courses/"
        var folderFiles: [String: [(path: String, stamp: FileStamp)]] = [:]
        for (path, stamp) in inputs.stamps {
            let isRacy = stamp.modified >= scannedAt - BuildCache.racyWindow
            if path.hasPrefix(pagesPrefix), !path.dropFirst(pagesPrefix.count).contains("/") {
                pageFiles[path] = Self.digest([(path, stamp)])
                if isRacy { racy.insert(path) }
            } else if path.hasPrefix(coursesPrefix) {
                // courses/<course>/<step>/<file…>: the step folder is the first two names below `courses`.
                let names = path.dropFirst(coursesPrefix.count).split(separator: "/", maxSplits: 2)
                guard names.count == 3 else { continue }
                let folder = coursesPrefix + names[0] + "/" + names[1]
                folderFiles[folder, default: []].append((path, stamp))
                if isRacy { racy.insert(folder) }
            }
        }
        for (folder, files) in folderFiles {
            stepFolders[folder] = Self.digest(files.sorted { $0.path < $1.path })
        }
    }

    private static func digest(_ files: [(path: String, stamp: FileStamp)]) -> UInt64 {
        var digest = ContentDigest()
        for file in files {
            digest.combine(file.path)
            digest.combine(UInt64(bitPattern: file.stamp.size))
            digest.combine(UInt64(bitPattern: file.stamp.modified))
        }
        return digest.value
    }
}
