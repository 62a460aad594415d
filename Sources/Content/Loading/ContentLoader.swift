import Foundation

/// Loads and validates a content tree (`site.yml`, `pages/`, `courses/`, `commands/`, `templates/`) into a `Site`, reporting every problem at once.
public enum ContentLoader {
    /// Reads the content folder. Throws every problem found (file, line, field, what is allowed), not just the first.
    /// Pages and steps that `reusing` offers are taken as they are instead of being read again.
    public static func load(
        from contentDirectory: URL, reusing: (any ReusableDocuments)? = nil
    ) throws(ContentErrors) -> Site {
        let paths = ContentPaths(root: contentDirectory)
        guard FileSystem.isDirectory(paths.root) else {
            throw ContentErrors([
                ContentError(SourceLocation(file: contentDirectory.path), "content folder not found")
            ])
        }
        var issues = ContentIssues()
        let config = SiteConfigLoader(paths: paths).load(issues: &issues)
        let pages = PageLoader(paths: paths, reusing: reusing).load(issues: &issues)
        let courses = CourseLoader(paths: paths, reusing: reusing).load(issues: &issues)
        let commands = CommandLoader(paths: paths).load(issues: &issues)
        let templates = TemplateLoader(paths: paths).load(issues: &issues)
        if !commands.isEmpty {
            checkExamples(
                commands: commands, pages: pages, courses: courses, templates: templates, paths: paths, issues: &issues)
        }
        guard issues.isEmpty, let config else { throw ContentErrors(issues.errors) }
        return Site(
            config: config, pages: pages, courses: courses, commands: commands, templates: templates,
            contentDirectory: paths.root)
    }

    /// Every runnable `valkey` block (command pages, steps, pages, template READMEs) and every template of raw
    /// commands, against the server's facts.
    private static func checkExamples(
        commands: [ValkeyCommand], pages: [Page], courses: [Course], templates: [CodeTemplate], paths: ContentPaths,
        issues: inout ContentIssues
    ) {
        let checker = CommandExampleChecker(commands: commands)
        for command in commands where command.hasProse {
            checker.check(markdown: command.markdown, body: command.source, issues: &issues)
        }
        for page in pages { checker.check(markdown: page.markdown, body: page.source, issues: &issues) }
        for step in courses.flatMap(\.steps) {
            checker.check(markdown: step.instructions, body: step.instructionsSource, issues: &issues)
        }
        for template in templates {
            let folder = paths.display(paths.root.appendingPathComponent("templates/\(template.name)"))
            if let readme = template.readme {
                checker.check(
                    markdown: readme, body: SourceLocation(file: "\(folder)/README.md", line: 1), issues: &issues)
            }
            guard template.language == .valkey else { continue }
            for file in template.files where file.name.hasSuffix(".valkey") {
                checker.check(commandsFile: file.contents, file: "\(folder)/\(file.name)", issues: &issues)
            }
        }
    }
}
