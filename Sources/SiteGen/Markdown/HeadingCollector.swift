import CMarkGFM

/// Walks a cmark document and lists its headings with unique slugs, in document order.
enum HeadingCollector {
    static func headings(in document: OpaquePointer, reservedIDs: Set<String>) -> [Heading] {
        var headings: [Heading] = []
        var slugs = HeadingSlugs(reserved: reservedIDs)
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_HEADING
            else { continue }
            let text = plainText(of: node)
            let level = Int(cmark_node_get_heading_level(node))
            headings.append(Heading(level: level, text: text, id: slugs.unique(for: text)))
        }
        return headings
    }

    /// The text a reader sees in a node: its text and inline code, with line breaks as spaces.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                text += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }
}
