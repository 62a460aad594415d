/// What every page's layout shows: the site's title and navigation, asset links, and where the grader is.
struct SiteView: Sendable {
    var title: String
    /// The path prefix of every internal link; empty when the site is published at a domain's root.
    var root: String
    var homeURL: String
    /// Where pages post submissions; empty means the page's own origin.
    var graderURL: String
    var nav: [NavLinkView]
    /// Fingerprinted asset links keyed like `css_site_css` (see `ThemeAssets.templateKey`).
    var assets: [String: String]
    /// JSON for `<script type="importmap">`.
    var importMap: String
    /// Link to the folder holding CodeMirror (`…/assets/codemirror`).
    var codemirror: String
    /// Link to `/search-index.json`, which the header's search box loads on first use.
    var searchIndexURL: String = ""
    /// JSON of the language table (`Language.all`), by id and alias, for `languages.js`.
    var languagesJSON: String = ""

    /// The same site view with the navigation entry for `href` marked as the current page.
    func marking(current href: String) -> SiteView {
        var copy = self
        copy.nav = nav.map { item in
            var item = item
            item.current =
                item.url == href || (item.url != homeURL && item.url.hasSuffix("/") && href.hasPrefix(item.url))
            return item
        }
        return copy
    }
}

/// One navigation link.
struct NavLinkView: Sendable {
    var title: String
    var url: String
    var current: Bool
}

/// The `<head>` facts of one page.
struct PageMeta: Sendable {
    /// The full `<title>`, e.g. `Respond to PING · Build your own Valkey · CodeAlong`.
    var title: String
    var description: String
    /// Absolute URL of the page, for `<link rel="canonical">`.
    var canonicalURL: String
    /// A class on `<body>` so the stylesheet can lay out each kind of page.
    var kind: String
    /// Whether the page shows fenced code, so the layout loads CodeMirror to colour it and to run `run` fences.
    var hasCode = false
}
