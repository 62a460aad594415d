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
        guard issues.isEmpty, let config else { throw ContentErrors(issues.errors) }
        return Site(
            config: config, pages: pages, courses: courses, commands: commands, templates: templates,
            contentDirectory: paths.root)
    }
}
