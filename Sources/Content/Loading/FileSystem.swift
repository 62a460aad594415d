import Foundation

/// The few file-system questions the loaders ask, answered without throwing so a missing file becomes a content error.
public enum FileSystem {
    public static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public static func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The visible entries of a folder, sorted by name so loading is deterministic.
    public static func entries(of directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Every visible regular file below `directory`, as paths relative to it, sorted.
    public static func files(below directory: URL) -> [String] {
        var found: [String] = []
        func walk(_ folder: URL, prefix: String) {
            for entry in entries(of: folder) {
                let name = prefix + entry.lastPathComponent
                if isDirectory(entry) {
                    walk(entry, prefix: name + "/")
                } else {
                    found.append(name)
                }
            }
        }
        walk(directory, prefix: "")
        return found.sorted()
    }

    /// The file as UTF-8 text, or `nil` when it cannot be read or is not UTF-8.
    public static func text(at url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
