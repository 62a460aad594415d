import Foundation

/// Writes a built site into the output folder, touching only files whose bytes changed.
///
/// Files an earlier build wrote but this one does not (an old fingerprinted stylesheet, a deleted step) are
/// removed; the list of what was written is kept in `.sitegen-files`, so files someone else put there survive.
struct OutputWriter: Sendable {
    var directory: URL

    static let manifestName = ".sitegen-files"

    /// Writes `files`; `kept` are paths this build still publishes but did not produce again (an incremental
    /// build reuses them as they are), so they stay in the manifest and are not removed.
    func write(_ files: [OutputFile], keeping kept: [String] = []) throws(SiteGenError) -> WriteReport {
        let fileManager = FileManager.default
        let folder = OutputFolder(directory)
        var report = WriteReport()
        do {
            // Folders first, each once, then the files on every core: a full build writes thousands.
            try folder.makeFolders(for: files.map(\.path))
            let outcomes = try files.concurrentlyMapped { file throws -> Bool in
                let existing = folder.contents(of: file.path)
                if existing == file.contents { return false }
                try folder.write(file.contents, to: file.path, replacing: existing != nil)
                return true
            }
            report.written = outcomes.filter { $0 }.count
            report.unchanged = outcomes.count - report.written
            let current = Set(files.map(\.path) + kept)
            for stale in previousManifest().subtracting(current).sorted() {
                let url = directory.appendingPathComponent(stale)
                guard fileManager.fileExists(atPath: url.path) else { continue }
                try fileManager.removeItem(at: url)
                report.removed += 1
                removeEmptyFolders(from: url.deletingLastPathComponent())
            }
            let manifest = current.sorted().joined(separator: "\n") + "\n"
            try folder.write(Data(manifest.utf8), to: Self.manifestName, replacing: true)
        } catch let error as SiteGenError {
            throw error
        } catch {
            throw SiteGenError("cannot write the site to \(directory.path): \(error.localizedDescription)")
        }
        return report
    }

    private func previousManifest() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(Self.manifestName).path),
            let text = String(data: data, encoding: .utf8)
        else { return [] }
        // Only relative paths without `..`: a tampered manifest must not delete outside the output folder.
        return Set(
            text.split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..")
            })
    }

    private func removeEmptyFolders(from folder: URL) {
        var folder = folder.standardizedFileURL
        let root = directory.standardizedFileURL.path
        while folder.path.hasPrefix(root + "/"),
            let contents = try? FileManager.default.contentsOfDirectory(atPath: folder.path), contents.isEmpty
        {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }
}

/// What a write changed.
struct WriteReport: Sendable, Equatable {
    var written = 0
    var unchanged = 0
    var removed = 0
}
