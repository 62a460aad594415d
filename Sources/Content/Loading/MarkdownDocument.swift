import Foundation

/// A content Markdown file (a page, a step): its front matter read as YAML, and its body.
struct MarkdownDocument {
    /// The front matter; `nil` when it is missing or is not valid YAML (already reported).
    var fields: YAMLMapping?
    var body: String
    var bodyLocation: SourceLocation

    /// Reads `url`; a missing file, or missing front matter where it is `required`, is reported against the file.
    /// Without front matter (and not required) `fields` is an empty mapping.
    static func read(
        _ url: URL, paths: ContentPaths, frontMatterRequired: Bool = true, issues: inout ContentIssues
    ) -> MarkdownDocument? {
        let file = paths.display(url)
        guard let text = FileSystem.text(at: url) else {
            issues.report(SourceLocation(file: file), "cannot read the file as UTF-8 text")
            return nil
        }
        let split: FrontMatter
        do {
            split = try FrontMatter.split(text)
        } catch {
            issues.report(
                SourceLocation(file: file, line: 1),
                "front matter opened with '---' on line 1 is never closed; add a '---' line after the last field")
            return nil
        }
        var fields: YAMLMapping?
        if let yaml = split.yaml {
            fields = YAMLMapping.parse(yaml, file: file, firstLine: split.yamlFirstLine, issues: &issues)
        } else if !frontMatterRequired {
            fields = YAMLMapping.parse("", file: file, firstLine: 1, issues: &issues)
        } else {
            issues.report(
                SourceLocation(file: file, line: 1),
                "missing front matter; start the file with a '---' line, then 'title: …', then another '---' line")
        }
        return MarkdownDocument(
            fields: fields, body: split.body, bodyLocation: SourceLocation(file: file, line: split.bodyFirstLine))
    }
}
