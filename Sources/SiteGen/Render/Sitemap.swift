/// `sitemap.xml`: the absolute URL of every published page, so search engines find all steps.
enum Sitemap {
    static func xml(for pages: [SitePage], baseURL: String) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for sitePath in pages.compactMap(\.sitePath) {
            xml += "  <url><loc>\(HTML.escape(absoluteURL(baseURL: baseURL, sitePath: sitePath)))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    static func absoluteURL(baseURL: String, sitePath: String) -> String {
        baseURL + "/" + sitePath
    }
}
