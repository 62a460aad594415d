import Testing

@testable import SiteGen

@Suite("Markdown rendering with cmark-gfm")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func gfmTableBecomesATable() {
        let html = renderer.render("| Type | Prefix |\n|---|---|\n| Simple string | `+` |\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>Type</th>"))
        #expect(html.contains("<td><code>+</code></td>"))
    }

    @Test func fencedCodeKeepsItsLanguageAndMetadata() {
        let html = renderer.render("```python run\nprint('hi')\n```\n").html
        #expect(html.contains(#"<pre><code class="language-python" data-meta="run">"#))
        #expect(html.contains("print(&#x27;hi&#x27;)") || html.contains("print('hi')"))
    }

    @Test func rawHTMLIsNotPassedThrough() {
        let html = renderer.render("<script>alert(1)</script>\n\nText <iframe src=x></iframe> more\n").html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("Text"))
    }

    @Test func tagfilterIsAttachedAndHandedToTheRenderer() {
        #expect(MarkdownRenderer.extensionNames.contains("tagfilter"))
        #expect(MarkdownRenderer.attachedExtensionNames().contains("tagfilter"))
    }

    @Test func otherGFMExtensionsWork() {
        let html = renderer.render(
            "~~gone~~ and https://valkey.io\n\n- [x] done\n- [ ] todo\n\nNote[^1].\n\n[^1]: A footnote.\n"
        ).html
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains(#"<a href="https://valkey.io">"#))
        #expect(html.contains(#"type="checkbox""#))
        #expect(html.contains("footnote"))
    }

    @Test func headingsGetUniqueIDs() {
        let rendered = renderer.render(
            "# Build it\n\n## RESP at a glance\n\n## RESP at a glance\n\n### `PING` → +PONG!\n")
        #expect(rendered.html.contains(#"<h1 id="build-it">Build it</h1>"#))
        #expect(rendered.html.contains(#"<h2 id="resp-at-a-glance">"#))
        #expect(rendered.html.contains(#"<h2 id="resp-at-a-glance-1">"#))
        #expect(rendered.html.contains(#"<h3 id="ping--pong"><code>PING</code>"#))
        #expect(rendered.headings.map(\.level) == [1, 2, 2, 3])
    }

    @Test func headingIDsAvoidThePageOwnIDs() {
        let html = MarkdownRenderer(reservedIDs: ["results"]).render("## Results\n").html
        #expect(html.contains(#"<h2 id="results-1">Results</h2>"#))
    }

    @Test func headingsInsideCodeAreNotHeadings() {
        let rendered = renderer.render("```html\n<h2>not a heading</h2>\n```\n\n## Real\n")
        #expect(rendered.headings.map(\.id) == ["real"])
        #expect(rendered.html.contains(#"<h2 id="real">Real</h2>"#))
        #expect(rendered.html.contains("&lt;h2&gt;not a heading"))
    }

    @Test func rendersConcurrently() async {
        let outputs = await withTaskGroup(of: String.self) { group in
            for index in 0..<32 {
                group.addTask { MarkdownRenderer().render("## Part \(index)\n\n| a |\n|---|\n| \(index) |\n").html }
            }
            var outputs: [String] = []
            for await html in group { outputs.append(html) }
            return outputs
        }
        #expect(outputs.count == 32)
        #expect(outputs.allSatisfy { $0.contains("<table>") && $0.contains("<h2 id=\"part-") })
    }
}
