/// Adds `id` attributes to the headings of cmark's HTML output.
enum HeadingAnchors {
    /// cmark writes each heading as a bare `<hN>` and, with raw HTML off, nothing else in its output can
    /// contain that tag, so the n-th `<hN>` opening tags are exactly the n headings in document order.
    static func addIDs(to html: String, headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = html[...]
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = rest.range(of: tag) else { break }
            result += rest[..<range.lowerBound]
            result += "<h\(heading.level) id=\"\(HTML.escape(heading.id))\">"
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
