/// Adds `id` attributes to the headings of cmark's HTML output.
enum HeadingAnchors {
    /// cmark writes each heading as a bare `<hN>` and, with raw HTML off, nothing else in its output can
    /// contain that tag, so the n-th `<hN>` opening tags are exactly the n headings in document order.
    ///
    /// Searches the UTF-8 bytes (the tags are ASCII): Foundation's `range(of:)` was a good part of rendering.
    static func addIDs(to html: String, headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var result: [UInt8] = []
        result.reserveCapacity(html.utf8.count + headings.count * 24)
        var html = html
        html.withUTF8 { bytes in
            var position = 0
            for heading in headings {
                let tag = Array("<h\(heading.level)>".utf8)
                guard let start = firstIndex(of: tag, in: bytes, from: position) else { break }
                result.append(contentsOf: bytes[position..<start])
                result.append(contentsOf: "<h\(heading.level) id=\"\(HTML.escape(heading.id))\">".utf8)
                position = start + tag.count
            }
            result.append(contentsOf: bytes[position...])
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func firstIndex(of tag: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + tag.count <= bytes.count {
            if bytes[index] == tag[0], bytes[index..<(index + tag.count)].elementsEqual(tag) { return index }
            index += 1
        }
        return nil
    }
}
