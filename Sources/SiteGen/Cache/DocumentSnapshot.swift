import Content
import Foundation

/// The pages and steps of the last good build, each with the digest of the stamps of the files it was read from
/// (`DocumentStamps`). Kept beside the build cache: the next build reuses a document whose files have the same
/// stamps instead of reading and parsing them again, so a one-edit rebuild loads one file.
///
/// Only a build that succeeded saves one, so every document in it loaded without a problem. Documents with a file
/// changed too close to the scan (racy stamps) are left out.
struct DocumentSnapshot: Sendable {
    static let formatVersion = 1

    struct PageEntry: Sendable {
        var stamps: UInt64
        var page: Page
    }

    struct StepEntry: Sendable {
        var stamps: UInt64
        var languages: [String]
        var step: Step
    }

    /// By the page's file path.
    var pages: [String: PageEntry] = [:]
    /// By the step's folder path.
    var steps: [String: StepEntry] = [:]

    init() {}

    /// The documents of `site`, as `stamps` (taken before the site was loaded) saw their files.
    init(site: Site, stamps: DocumentStamps) {
        let root = site.contentDirectory.standardizedFileURL.path
        for page in site.pages {
            let path = root + "/pages/" + page.slug + ".md"
            guard let digest = stamps.pageFiles[path], !stamps.racy.contains(path) else { continue }
            pages[path] = PageEntry(stamps: digest, page: page)
        }
        for course in site.courses {
            for step in course.steps {
                let folder = root + "/courses/" + course.id + "/" + step.id
                guard let digest = stamps.stepFolders[folder], !stamps.racy.contains(folder) else { continue }
                steps[folder] = StepEntry(stamps: digest, languages: course.languages.map(\.id), step: step)
            }
        }
    }

    /// The documents of this snapshot whose files `current` finds unchanged.
    func reusable(with current: DocumentStamps) -> any ReusableDocuments {
        Reuse(snapshot: self, current: current)
    }

    private struct Reuse: ReusableDocuments {
        let snapshot: DocumentSnapshot
        let current: DocumentStamps

        func page(from file: URL) -> Page? {
            let path = Self.path(file)
            guard let entry = snapshot.pages[path], current.pageFiles[path] == entry.stamps,
                !current.racy.contains(path)
            else { return nil }
            return entry.page
        }

        func step(from folder: URL, languages: [Language]) -> Step? {
            let path = Self.path(folder)
            guard let entry = snapshot.steps[path], current.stepFolders[path] == entry.stamps,
                !current.racy.contains(path), entry.languages == languages.map(\.id)
            else { return nil }
            return entry.step
        }

        private static func path(_ url: URL) -> String {
            let path = url.standardizedFileURL.path
            return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        }
    }

    // MARK: File format: a header, then length-prefixed fields in a fixed order (little-endian integers, UTF-8
    // text). Read back byte by byte: it holds every document's Markdown, megabytes at 10,000 pages.

    func save(to file: URL, identity: String) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Streamed in pieces (it holds every document's Markdown and code: tens of megabytes at 10,000 pages) and
        // without `fsync`: a snapshot lost in a crash only makes the next build read everything. Replaced by
        // `rename`, so a reader never sees half of one.
        let temporary = file.path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        do {
            var writer = SnapshotWriter(handle: handle)
            writer.text("sitegen-documents")
            writer.int(Self.formatVersion)
            writer.text(identity)
            writer.int(pages.count)
            for (path, entry) in pages.sorted(by: { $0.key < $1.key }) {
                writer.text(path)
                writer.int(entry.stamps)
                writer.page(entry.page)
                try writer.flushWhenFull()
            }
            writer.int(steps.count)
            for (path, entry) in steps.sorted(by: { $0.key < $1.key }) {
                writer.text(path)
                writer.int(entry.stamps)
                writer.int(entry.languages.count)
                for language in entry.languages { writer.text(language) }
                writer.step(entry.step)
                try writer.flushWhenFull()
            }
            try writer.flush()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, file.path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The snapshot in `file`, or `nil` when there is none, it is damaged, or another sitegen or other folders made it.
    static func load(from file: URL, identity: String) -> DocumentSnapshot? {
        // Mapped, not copied: the text is copied once, into the documents.
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> DocumentSnapshot? in
            var reader = SnapshotReader(bytes: raw)
            do {
                guard try reader.text() == "sitegen-documents", try reader.int() == formatVersion,
                    try reader.text() == identity
                else { return nil }
                var snapshot = DocumentSnapshot()
                for _ in 0..<(try reader.count()) {
                    let path = try reader.text()
                    snapshot.pages[path] = PageEntry(stamps: try reader.int(), page: try reader.page())
                }
                for _ in 0..<(try reader.count()) {
                    let path = try reader.text()
                    let stamps: UInt64 = try reader.int()
                    var languages: [String] = []
                    for _ in 0..<(try reader.count()) { languages.append(try reader.text()) }
                    snapshot.steps[path] = StepEntry(stamps: stamps, languages: languages, step: try reader.step())
                }
                return reader.isAtEnd ? snapshot : nil
            } catch {
                return nil
            }
        }
    }
}

/// Appends the snapshot's fields, handing them to the file a few megabytes at a time.
private struct SnapshotWriter {
    let handle: FileHandle
    var bytes: [UInt8] = []

    init(handle: FileHandle) {
        self.handle = handle
        bytes.reserveCapacity(Self.chunk + 64 * 1024)
    }

    static let chunk = 4 << 20

    mutating func flushWhenFull() throws {
        if bytes.count >= Self.chunk { try flush() }
    }

    mutating func flush() throws {
        try handle.write(contentsOf: bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func int(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ value: Int) { int(UInt64(bitPattern: Int64(value))) }

    mutating func text(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func location(_ value: SourceLocation) {
        text(value.file)
        int(value.line.map { $0 + 1 } ?? 0)  // 0: no line
    }

    mutating func files(_ value: [String: [SourceFile]]) {
        int(value.count)
        for (language, files) in value.sorted(by: { $0.key < $1.key }) {
            text(language)
            int(files.count)
            for file in files {
                text(file.name)
                text(file.contents)
            }
        }
    }

    /// Every stored property of `Page`, in declaration order (`DocumentSnapshotTests` checks none is missed).
    mutating func page(_ page: Page) {
        text(page.slug)
        text(page.title)
        text(page.summary)
        text(page.markdown)
        location(page.source)
    }

    /// Every stored property of `Step`, in declaration order (`DocumentSnapshotTests` checks none is missed).
    mutating func step(_ step: Step) {
        text(step.courseID)
        text(step.id)
        int(step.number)
        text(step.title)
        text(step.summary)
        int(step.timeoutSeconds)
        text(step.valkey.rawValue)
        text(step.instructions)
        location(step.instructionsSource)
        files(step.starters)
        files(step.solutions)
        text(step.testSource)
    }
}

/// Reads what `SnapshotWriter` wrote; throws on anything short or malformed.
private struct SnapshotReader {
    struct Damaged: Error {}

    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func int() throws -> UInt64 {
        guard position + 8 <= bytes.count else { throw Damaged() }
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position..<position + 8])) }
        position += 8
        return UInt64(littleEndian: value)
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try int() as UInt64)) }

    /// A count of things that follow, each at least one byte: never more than the bytes left.
    mutating func count() throws -> Int {
        let value: Int = try int()
        guard value >= 0, value <= bytes.count - position else { throw Damaged() }
        return value
    }

    mutating func text() throws -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
    }

    mutating func location() throws -> SourceLocation {
        let file = try text()
        let line: Int = try int()
        return SourceLocation(file: file, line: line == 0 ? nil : line - 1)
    }

    mutating func files() throws -> [String: [SourceFile]] {
        var result: [String: [SourceFile]] = [:]
        for _ in 0..<(try count()) {
            let language = try text()
            var files: [SourceFile] = []
            for _ in 0..<(try count()) { files.append(SourceFile(name: try text(), contents: try text())) }
            result[language] = files
        }
        return result
    }

    mutating func page() throws -> Page {
        Page(slug: try text(), title: try text(), summary: try text(), markdown: try text(), source: try location())
    }

    mutating func step() throws -> Step {
        let courseID = try text(), id = try text()
        let number: Int = try int()
        let title = try text(), summary = try text()
        let timeout: Int = try int()
        guard let valkey = ValkeyMode(rawValue: try text()) else { throw Damaged() }
        return Step(
            courseID: courseID, id: id, number: number, title: title, summary: summary, timeoutSeconds: timeout,
            valkey: valkey, instructions: try text(), instructionsSource: try location(), starters: try files(),
            solutions: try files(), testSource: try text())
    }
}
