import Foundation

/// What internal links may point at: every file a build produces and the element ids of each HTML page.
///
/// Ids are read from the rendered pages, so they are exactly what the Markdown stage generated for headings
/// (with its slugging and de-duplication) plus the ids the theme's templates write.
struct LinkTargets: Sendable {
    /// Output paths (`courses/x/index.html`, `sitemap.xml`, `assets/…`).
    var files: Set<String>
    /// Output path of each HTML page → its element ids.
    var anchors: [String: Set<String>]

    init(files: [OutputFile], otherPaths: [String] = []) {
        self.files = Set(files.map(\.path) + otherPaths)
        var anchors: [String: Set<String>] = [:]
        for file in files where file.path.hasSuffix(".html") {
            anchors[file.path] = Self.elementIDs(in: file.contents)
        }
        self.anchors = anchors
    }

    /// The output file a site path names: `courses/x/` → `courses/x/index.html`; `courses/x` too, as static
    /// hosts redirect it; `sitemap.xml` as is. `nil` when the build produces no such file.
    func file(forSitePath path: String) -> String? {
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files.contains(index) ? index : nil
        }
        if files.contains(path) { return path }
        let index = path + "/index.html"
        return files.contains(index) ? index : nil
    }

    /// Every page (and file) as an author links to it: `courses/x/` rather than `courses/x/index.html`.
    func linkablePaths(pagesOnly: Bool) -> [String] {
        files.compactMap { path -> String? in
            if path == "index.html" { return "" }
            if path.hasSuffix("/index.html") { return String(path.dropLast(10)) }
            return pagesOnly ? nil : path
        }
    }

    /// The values of `id="…"` attributes, found with a byte scan: pages are large and many, and a regular
    /// expression over every one of them would dominate `sitegen check`.
    static func elementIDs(in html: Data) -> Set<String> {
        var ids: Set<String> = []
        let pattern = Array(" id=\"".utf8)
        html.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var index = 0
            let end = bytes.count
            while index + pattern.count < end {
                guard bytes[index] == pattern[0], bytes[index + 1] == pattern[1], bytes[index + 2] == pattern[2],
                    bytes[index + 3] == pattern[3], bytes[index + 4] == pattern[4]
                else {
                    index += 1
                    continue
                }
                let start = index + pattern.count
                var close = start
                while close < end, bytes[close] != UInt8(ascii: "\"") { close += 1 }
                if close > start {
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<close]), as: UTF8.self)
                    ids.insert(HTML.unescapeAttribute(raw))
                }
                index = close + 1
            }
        }
        return ids
    }
}

extension HTML {
    /// Undoes the escaping `HTML.escape` and cmark apply inside attribute values (ids with `&` or quotes are rare).
    static func unescapeAttribute(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
