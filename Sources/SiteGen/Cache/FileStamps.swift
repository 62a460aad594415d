import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` says about a file: enough to notice an edit without reading it.
struct FileStamp: Sendable, Hashable, Codable {
    var size: Int64
    /// Modification time in nanoseconds since 1970.
    var modified: Int64

    /// The stamp of `path`, or `nil` when it does not exist (or is not a regular file).
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return FileStamp(size: Int64(info.st_size), modified: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }
}

/// The stamps of every visible file below some folders, keyed by path: compared between two moments, it says
/// whether anything was added, removed or edited. Names starting with `.` are skipped, as the loaders skip
/// them (and editors' swap files must not trigger rebuilds).
struct FileStamps: Sendable, Equatable, Codable {
    var stamps: [String: FileStamp]

    static func scan(_ folders: [URL]) -> FileStamps {
        var stamps: [String: FileStamp] = [:]
        for folder in folders { walk(folder.standardizedFileURL.path, into: &stamps) }
        return FileStamps(stamps: stamps)
    }


    /// Paths added, removed or changed since `earlier`, sorted.
    func changes(since earlier: FileStamps) -> [String] {
        var changed = stamps.filter { earlier.stamps[$0.key] != $0.value }.map(\.key)
        changed += earlier.stamps.keys.filter { stamps[$0] == nil }
        return changed.sorted()
    }

    private static func walk(_ folder: String, into stamps: inout [String: FileStamp]) {
        guard let directory = opendir(folder) else {
            if let stamp = FileStamp.of(folder) { stamps[folder] = stamp }
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder + "/" + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): walk(path, into: &stamps)
            case Int32(DT_REG): if let stamp = FileStamp.of(path) { stamps[path] = stamp }
            default:
                // Symbolic links and file systems that do not fill in d_type.
                var info = stat()
                if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                    walk(path, into: &stamps)
                } else if let stamp = FileStamp.of(path) {
                    stamps[path] = stamp
                }
            }
        }
    }
}
