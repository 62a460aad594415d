import CMarkGFM
import Foundation

/// Renders GitHub-flavoured Markdown to HTML with cmark-gfm; raw HTML stays off and every heading gets an `id`.
struct MarkdownRenderer: Sendable {
    /// The GFM extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registering the core extensions mutates a global list and is not thread-safe;
    /// a static `let` runs it exactly once (Swift guards lazy globals with `swift_once`).
    private static let registration: Void = cmark_gfm_core_extensions_ensure_registered()

    /// `FULL_INFO_STRING` keeps fence metadata (```` ```python run ````) as `data-meta`; `UNSAFE` stays off,
    /// so raw HTML in content is dropped rather than trusted.
    private static let options = CMARK_OPT_FULL_INFO_STRING | CMARK_OPT_FOOTNOTES

    /// Ids the page around the content already uses; headings get other ones.
    var reservedIDs: Set<String>

    init(reservedIDs: Set<String> = []) {
        _ = Self.registration
        self.reservedIDs = reservedIDs
    }

    func render(_ markdown: String) -> RenderedMarkdown {
        guard let parser = Self.makeParser() else { return RenderedMarkdown(html: "", headings: []) }
        defer { cmark_parser_free(parser) }
        markdown.utf8CString.withUnsafeBufferPointer { chars in
            cmark_parser_feed(parser, chars.baseAddress, chars.count - 1)  // without the trailing NUL
        }
        guard let document = cmark_parser_finish(parser) else { return RenderedMarkdown(html: "", headings: []) }
        defer { cmark_node_free(document) }

        let headings = HeadingCollector.headings(in: document, reservedIDs: reservedIDs)
        // Without the parser's extension list the renderer silently skips tagfilter and the table markup.
        guard let rendered = cmark_render_html(document, Self.options, cmark_parser_get_syntax_extensions(parser))
        else { return RenderedMarkdown(html: "", headings: headings) }
        defer { free(rendered) }
        let html = String(cString: rendered)
        return RenderedMarkdown(html: HeadingAnchors.addIDs(to: html, headings: headings), headings: headings)
    }
}

extension MarkdownRenderer {
    /// The document's headings with the ids `render` gives them, without producing HTML (for the search index).
    func headings(in markdown: String) -> [Heading] {
        Self.withDocument(markdown) { HeadingCollector.headings(in: $0, reservedIDs: reservedIDs) } ?? []
    }

    /// Parses `markdown` with the GFM extensions and hands the document to `body` (for passes that need the
    /// tree, not HTML); `nil` if cmark fails.
    static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T? {
        guard let parser = makeParser() else { return nil }
        defer { cmark_parser_free(parser) }
        markdown.utf8CString.withUnsafeBufferPointer { chars in
            cmark_parser_feed(parser, chars.baseAddress, chars.count - 1)
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        return body(document)
    }

    /// A parser with the GFM extensions attached; the caller frees it.
    static func makeParser() -> OpaquePointer? {
        _ = registration
        guard let parser = cmark_parser_new(options) else { return nil }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        return parser
    }

    /// The extensions a parser really carries (and so hands to the renderer): a registration or
    /// attach failure would otherwise silently turn tables or tagfilter off.
    static func attachedExtensionNames() -> [String] {
        _ = registration
        guard let parser = makeParser() else { return [] }
        defer { cmark_parser_free(parser) }
        var attached: [UnsafeMutableRawPointer] = []
        var entry = cmark_parser_get_syntax_extensions(parser)
        while let current = entry {
            if let data = current.pointee.data { attached.append(data) }
            entry = current.pointee.next
        }
        return extensionNames.filter { name in
            guard let syntaxExtension = cmark_find_syntax_extension(name) else { return false }
            return attached.contains(UnsafeMutableRawPointer(syntaxExtension))
        }
    }
}

/// The HTML of a Markdown document and its headings, in order (for anchors now, tables of contents later).
struct RenderedMarkdown: Sendable, Equatable {
    var html: String
    var headings: [Heading]
}

/// One heading of a rendered document.
struct Heading: Sendable, Equatable {
    var level: Int
    var text: String
    /// The unique `id` the heading carries in the HTML.
    var id: String
}
