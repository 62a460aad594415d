import Foundation

/// Writes a built site into the output folder, touching only files whose bytes changed.
///
/// Files an earlier build wrote but this one does not (an old fingerprinted stylesheet, a deleted step) are
/// removed; the list of what was written is kept in `.sitegen-files`, so files someone else put there survive.
struct OutputWriter: Sendable {
    var directory: URL

    static let manifestName = ".sitegen-files"

    func write(_ files: [OutputFile]) throws(SiteGenError) -> WriteReport {
        let fileManager = FileManager.default
        var report = WriteReport()
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files {
                let url = directory.appendingPathComponent(file.path)
                if fileManager.contents(atPath: url.path) == file.contents {
                    report.unchanged += 1
                    continue
                }
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url, options: .atomic)
                report.written += 1
            }
            let current = Set(files.map(\.path))
            for stale in previousManifest().subtracting(current).sorted() {
                let url = directory.appendingPathComponent(stale)
                guard fileManager.fileExists(atPath: url.path) else { continue }
                try fileManager.removeItem(at: url)
                report.removed += 1
                removeEmptyFolders(from: url.deletingLastPathComponent())
            }
            let manifest = current.sorted().joined(separator: "\n") + "\n"
            try Data(manifest.utf8).write(to: directory.appendingPathComponent(Self.manifestName), options: .atomic)
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
