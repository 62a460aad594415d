/// Questions about the code blocks in rendered Markdown.
enum HTMLCode {
    /// Whether cmark wrote a fenced or indented code block (`<pre><code…>`), so the page needs the highlighter.
    static func contains(_ html: String) -> Bool {
        html.contains("<pre><code")
    }
}
