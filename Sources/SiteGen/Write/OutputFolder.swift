import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output folder seen through plain POSIX calls: the few operations a build repeats for every page, without
/// what Foundation adds to each (a walk up the path per `createDirectory`, an `fsync` per `Data.write`).
///
/// Nothing here syncs to disk. The output folder is a product of the content: after a crash or power loss the
/// next build compares what it finds with what its cache recorded (each output file's size and mtime) and writes
/// again whatever differs, so durability would buy nothing and costs a disk flush per page.
struct OutputFolder: Sendable {
    /// The folder's path, without a trailing `/`.
    let root: String

    init(_ directory: URL) {
        root = directory.standardizedFileURL.path
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Creates the folder itself and every folder the `files` (relative paths) sit in, each with one `mkdir`,
    /// parents before children; folders that exist already are fine.
    func makeFolders(for files: [String]) throws(SiteGenError) {
        var folders: Set<String> = []
        for file in files {
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
        try makeFolder(root, creatingParents: true)
        // Sorted, a folder comes after its parent ("a" < "a/b").
        for folder in folders.sorted() { try makeFolder(path(folder), creatingParents: false) }
    }

    private func makeFolder(_ path: String, creatingParents: Bool) throws(SiteGenError) {
        if mkdir(path, 0o755) == 0 { return }
        let error = errno
        if error == EEXIST, isFolder(path) { return }
        if error == ENOENT, creatingParents {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                return
            } catch {
                throw SiteGenError("cannot create \(path): \(error.localizedDescription)")
            }
        }
        throw SiteGenError("cannot create \(path): \(String(cString: strerror(error)))")
    }

    private func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The bytes of the file at `relative`, or `nil` when there is none.
    func contents(of relative: String) -> Data? {
        FileManager.default.contents(atPath: path(relative))
    }

    /// Writes `contents` to `relative`. A file that exists already is replaced by a rename, so a browser reading
    /// it during `serve` sees the old page or the new one, never half of one.
    func write(_ contents: Data, to relative: String, replacing: Bool) throws(SiteGenError) {
        let target = path(relative)
        guard replacing else { return try Self.write(contents, toNewFile: target, exclusive: false) }
        let slash = target.lastIndex(of: "/") ?? target.startIndex
        let temporary = String(target[..<slash]) + "/.sitegen-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try Self.write(contents, toNewFile: temporary, exclusive: true)
        guard rename(temporary, target) == 0 else {
            let error = errno
            unlink(temporary)
            throw SiteGenError("cannot replace \(target): \(String(cString: strerror(error)))")
        }
    }

    private static func write(_ contents: Data, toNewFile path: String, exclusive: Bool) throws(SiteGenError) {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw SiteGenError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let failure: Int32? = contents.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw SiteGenError("cannot write \(path): \(String(cString: strerror(failure)))") }
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
