import Foundation

/// What the last good build saw and wrote, kept between builds (outside the output folder, so it is never
/// published): a digest of the stamps of every input file, and per output file its key and stamp.
///
/// - Nothing changed (same input stamps, every output as written): the build ends at once.
/// - Something changed: the content is loaded and a page is rendered only when its key changed (or its file
///   was touched or deleted in the output folder).
struct BuildCache: Sendable, Equatable {
    static let formatVersion = 2

    /// The sitegen executable and build options the cache belongs to; another one ignores it.
    var identity: String
    /// Digest of every input file's path and stamp.
    var inputs: UInt64
    /// When the inputs were scanned, in nanoseconds since 1970.
    var scannedAt: Int64
    /// The site's URL path prefix, for `serve` when nothing needed loading.
    var root: String
    var outputs: [String: Output]
    /// Content digests of the input files that changed too close to the scan for their stamps to be trusted.
    var racy: [String: UInt64] = [:]

    struct Output: Sendable, Equatable {
        var key: UInt64
        var stamp: FileStamp
    }

    /// The key recorded for files that are not pages (assets, sitemap): they are checked, never skipped.
    static let notAPage: UInt64 = 0

    /// How close to the scan a file may have changed and still be trusted by stamp: file systems stamp
    /// with a coarse clock, so two writes in the same tick can leave the same stamp ("racy" files, as git
    /// calls them). Such files are checked by content instead.
    static let racyWindow: Int64 = 100_000_000

    /// Whether `current` are the inputs this cache was made from: the same stamps, and the same bytes for the
    /// files whose stamps cannot be trusted.
    func isFresh(inputs current: FileStamps) -> Bool {
        guard Self.digest(of: current) == inputs else { return false }
        return current.stamps.allSatisfy { path, stamp in
            stamp.modified < scannedAt - Self.racyWindow || racy[path].map { $0 == Self.digest(ofFile: path) } == true
        }
    }

    /// Whether every output file is still as the last build wrote it.
    func outputsIntact(in directory: URL) -> Bool {
        let root = directory.path + "/"
        return outputs.allSatisfy { path, output in FileStamp.of(root + path) == output.stamp }
    }

    /// The digest of a scan: paths and stamps, in path order.
    static func digest(of stamps: FileStamps) -> UInt64 {
        var digest = ContentDigest()
        for (path, stamp) in stamps.stamps.sorted(by: { $0.key < $1.key }) {
            digest.combine(path)
            digest.combine(UInt64(bitPattern: stamp.size))
            digest.combine(UInt64(bitPattern: stamp.modified))
        }
        return digest.value
    }

    /// Digests of the files in `inputs` whose stamps are too close to `scannedAt` to be trusted; taken right
    /// after the scan, before the build reads them.
    static func racyDigests(_ inputs: FileStamps, scannedAt: Int64) -> [String: UInt64] {
        var digests: [String: UInt64] = [:]
        for (path, stamp) in inputs.stamps where stamp.modified >= scannedAt - racyWindow {
            digests[path] = digest(ofFile: path)
        }
        return digests
    }

    private static func digest(ofFile path: String) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var digest = ContentDigest()
        data.withUnsafeBytes { digest.combine(bytes: $0) }
        return digest.value
    }

    // MARK: File format: one record per line, fields separated by one space, the path last (it may hold spaces).
    // Read byte by byte: at 10,000 pages this parse is a good part of a no-change build.

    static func load(from file: URL, identity: String) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var cache = BuildCache(identity: identity, inputs: 0, scannedAt: 0, root: "", outputs: [:])
        let parsed: Bool = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                var line = LineFields(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                lineNumber += 1
                let kind = line.word()
                switch (lineNumber, kind) {
                case (1, "sitegen-cache"): guard line.rest() == "\(formatVersion)" else { return false }
                case (2, "identity"): guard line.rest() == identity else { return false }
                case (_, "inputs"):
                    guard let value = line.number(radix: 16) else { return false }
                    cache.inputs = value
                case (_, "scanned"):
                    guard let value = line.number(radix: 10) else { return false }
                    cache.scannedAt = Int64(value)
                case (_, "root"): cache.root = line.rest()
                case (_, "racy"):
                    guard let digest = line.number(radix: 16) else { return false }
                    cache.racy[line.rest()] = digest
                case (_, "output"):
                    guard let key = line.number(radix: 16), let size = line.number(radix: 10),
                        let modified = line.number(radix: 10)
                    else { return false }
                    cache.outputs[line.rest()] = Output(
                        key: key, stamp: FileStamp(size: Int64(size), modified: Int64(bitPattern: modified)))
                default:
                    return false
                }
            }
            return lineNumber >= 2
        }
        return parsed ? cache : nil
    }

    func save(to file: URL) throws {
        var text =
            "sitegen-cache \(Self.formatVersion)\nidentity \(identity)\ninputs \(String(inputs, radix: 16))\n"
            + "scanned \(scannedAt)\nroot \(root)\n"
        text.reserveCapacity(outputs.count * 80)
        for (path, digest) in racy.sorted(by: { $0.key < $1.key }) where !path.contains("\n") {
            text += "racy \(String(digest, radix: 16)) \(path)\n"
        }
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) where !path.contains("\n") {
            text += "output \(String(output.key, radix: 16)) \(output.stamp.size) \(output.stamp.modified) \(path)\n"
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// The identity of this sitegen executable (its stamp: a rebuilt sitegen renders everything again) and of
    /// the folders a build reads and writes.
    static func identity(options: [URL]) -> String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "sitegen"
        let stamp = FileStamp.of(executable).map { "\($0.size).\($0.modified)" } ?? "unknown"
        var digest = ContentDigest()
        digest.combine(executable)
        for option in options { digest.combine(option.standardizedFileURL.path) }
        return "\(stamp).\(digest.hex)"
    }
}

/// Reads the space-separated fields of one cache line.
private struct LineFields {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func word() -> String {
        let start = position
        while position < bytes.count, bytes[position] != 0x20 { position += 1 }
        defer { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    mutating func number(radix: UInt64) -> UInt64? {
        var value: UInt64 = 0
        var negative = false
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        while position < bytes.count, bytes[position] != 0x20 {
            let byte = bytes[position]
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            value = value &* radix &+ digit
            position += 1
        }
        guard position > start else { return nil }
        position += 1
        return negative ? UInt64(bitPattern: -Int64(bitPattern: value)) : value
    }

    mutating func rest() -> String {
        guard position < bytes.count else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position...]), as: UTF8.self)
    }
}
