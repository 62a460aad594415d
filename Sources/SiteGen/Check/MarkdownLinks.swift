import CMarkGFM

/// A link or image in a Markdown document: where it points and the line it is on (1-based, within the document).
struct MarkdownLink: Sendable, Equatable {
    var destination: String
    var line: Int
}

/// Lists the links of a Markdown document with cmark-gfm, so code spans and fences never count as links.
enum MarkdownLinks {
    static func links(in markdown: String) -> [MarkdownLink] {
        MarkdownRenderer.withDocument(markdown) { document in
            guard let iterator = cmark_iter_new(document) else { return [] }
            defer { cmark_iter_free(iterator) }
            var links: [MarkdownLink] = []
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else {
                    continue
                }
                // cmark-gfm tracks the line of inline nodes; fall back to the enclosing block's line.
                var line = Int(cmark_node_get_start_line(node))
                if line == 0, let parent = cmark_node_parent(node) { line = Int(cmark_node_get_start_line(parent)) }
                links.append(MarkdownLink(destination: String(cString: url), line: max(line, 1)))
            }
            return links
        } ?? []
    }
}
