import Content

/// One page the site publishes, before it is rendered.
enum SitePage: Sendable {
    case home
    case page(Page)
    case course(Course)
    /// A step and its position in its course's `steps`.
    case step(Course, index: Int)
    case commandIndex
    case commandGroup(CommandGroup)
    case command(ValkeyCommand)
    case templateGallery
    case template(CodeTemplate)
    case playground
    case notFound

    /// Every page of `site`, in sitemap order.
    static func all(in site: Site) -> [SitePage] {
        var pages: [SitePage] = [.home]
        pages += site.pages.filter { $0.slug != "index" }.map(SitePage.page)
        for course in site.courses {
            pages.append(.course(course))
            pages += course.steps.indices.map { SitePage.step(course, index: $0) }
        }
        pages.append(.commandIndex)
        let groups = Set(site.commands.map(\.group))
        pages += CommandGroup.allCases.filter(groups.contains).map(SitePage.commandGroup)
        pages += site.commands.map(SitePage.command)
        pages.append(.templateGallery)
        pages += site.templates.map(SitePage.template)
        pages.append(.playground)
        pages.append(.notFound)
        return pages
    }

    /// The page's path below the site root (`courses/x/`); `nil` for pages that are not listed in the sitemap.
    var sitePath: String? {
        switch self {
        case .home: ""
        case .page(let page): URLLayout.sitePath(page: page)
        case .course(let course): URLLayout.sitePath(course: course)
        case .step(let course, let index): URLLayout.sitePath(step: course.steps[index])
        case .commandIndex: URLLayout.commandIndexPath
        case .commandGroup(let group): URLLayout.sitePath(group: group)
        case .command(let command): URLLayout.sitePath(command: command)
        case .templateGallery: URLLayout.templateGalleryPath
        case .template(let template): URLLayout.sitePath(template: template)
        case .playground: URLLayout.playgroundPath
        case .notFound: nil
        }
    }

    var outputPath: String {
        sitePath.map(URLLayout.outputPath(forPage:)) ?? "404.html"
    }

    /// The theme templates pages are rendered with (each also uses `layout` and partials):
    /// the one list the theme is checked against and pages are rendered by.
    enum Template: String, CaseIterable, Sendable {
        case home, page, course, step, commands, command, templates, template, playground
        case commandGroup = "command-group"
        case notFound = "404"
    }

    /// The theme template that renders the page.
    var template: Template {
        switch self {
        case .home: .home
        case .page: .page
        case .course: .course
        case .step: .step
        case .commandIndex: .commands
        case .commandGroup: .commandGroup
        case .command: .command
        case .templateGallery: .templates
        case .template: .template
        case .playground: .playground
        case .notFound: .notFound
        }
    }

    var templateName: String { template.rawValue }
}
