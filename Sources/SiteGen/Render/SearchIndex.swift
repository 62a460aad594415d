import Content
import Foundation
import Sandbox

/// `/search-index.json`: what the header's search box searches — commands, lessons, courses, templates and
/// pages with their titles, summaries and section headings. Bodies stay out, so the file stays small.
struct SearchIndex: Sendable, Equatable {
    /// One thing the search can find.
    struct Entry: Sendable, Equatable, Encodable {
        /// `command`, `lesson`, `course`, `template` or `page`.
        var kind: String
        var title: String
        var url: String
        var summary: String
        /// Where it belongs, shown beside the title: the course of a lesson, the group of a command.
        var context: String?
        /// `[text, id]` of each second-level heading, so a result can jump to a section.
        var headings: [[String]]?
    }

    var entries: [Entry]

    /// Compact JSON (`{"version":1,"entries":[…]}`): fetched once per visit, so every byte counts.
    var json: String {
        struct File: Encodable {
            var version = 1
            var entries: [Entry]
        }
        guard let data = try? JSONEncoder.stable.encode(File(entries: entries)) else { return "{\"version\":1,\"entries\":[]}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A lesson or page to index, with the Markdown its headings come from.
private struct Document: Sendable {
    var entry: SearchIndex.Entry
    var markdown: String
}

extension SiteRenderer {
    /// Builds the index; headings come from parsing each lesson's and page's Markdown, concurrently.
    func searchIndex() async -> SearchIndex {
        var entries: [SearchIndex.Entry] = site.commands.map { command in
            SearchIndex.Entry(
                kind: "command", title: command.name, url: layout.href(URLLayout.sitePath(command: command)),
                summary: command.summary, context: command.group.title)
        }
        for course in site.courses {
            entries.append(
                SearchIndex.Entry(
                    kind: "course", title: course.title, url: layout.href(URLLayout.sitePath(course: course)),
                    summary: course.summary))
        }
        entries += site.templates.map { template in
            SearchIndex.Entry(
                kind: "template", title: template.title, url: layout.href(URLLayout.sitePath(template: template)),
                summary: template.summary, context: "Template · \(template.language.name)")
        }

        // Lessons and pages need their Markdown parsed for headings: do that in parallel.
        var documents: [(SearchIndex.Entry, String)] = []
        for course in site.courses {
            for step in course.steps {
                let entry = SearchIndex.Entry(
                    kind: "lesson", title: step.title, url: layout.href(URLLayout.sitePath(step: step)),
                    summary: step.summary, context: course.title)
                documents.append((entry, step.instructions))
            }
        }
        for page in site.pages {
            let entry = SearchIndex.Entry(
                kind: "page", title: page.title, url: layout.href(URLLayout.sitePath(page: page)),
                summary: page.summary)
            documents.append((entry, page.markdown))
        }
        let renderer = markdown
        let withHeadings = await documents.map { Document(entry: $0.0, markdown: $0.1) }.concurrentMap { document in
            var entry = document.entry
            let headings = renderer.headings(in: document.markdown).filter { $0.level == 2 }
            if !headings.isEmpty { entry.headings = headings.map { [$0.text, $0.id] } }
            return entry
        }
        let commands = entries.filter { $0.kind == "command" }
        let others = entries.filter { $0.kind != "command" }
        return SearchIndex(entries: commands + withHeadings + others)
    }
}
