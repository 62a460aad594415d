import Content
import Foundation

/// Renders every page of a loaded site: Markdown through cmark-gfm, then the theme's templates. Pages render in parallel.
struct SiteRenderer: Sendable {
    var site: Site
    var theme: Theme
    var assets: ThemeAssets
    var layout: URLLayout
    var markdown: MarkdownRenderer
    var commands: CommandReference

    init(site: Site, theme: Theme, assets: ThemeAssets, commands: CommandReference? = nil) {
        self.site = site
        self.commands = commands ?? CommandReference(site: site)
        self.theme = theme
        self.assets = assets
        layout = URLLayout(baseURL: site.config.baseURL)
        markdown = MarkdownRenderer(reservedIDs: theme.elementIDs)
    }

    func renderAll() async throws(SiteGenError) -> [OutputFile] {
        let pages = SitePage.all(in: site)
        return try await render(pages) + siteWideFiles(for: pages)
    }

    /// Renders `pages` concurrently (an incremental build passes only the pages whose inputs changed).
    func render(_ pages: [SitePage]) async throws(SiteGenError) -> [OutputFile] {
        let results = await pages.concurrentMap { page in Result { () throws(SiteGenError) in try render(page) } }
        return try results.map { result throws(SiteGenError) in try result.get() }
    }

    /// The files made from the whole site rather than one page: sitemap, search index, template downloads.
    func siteWideFiles(for pages: [SitePage]) async -> [OutputFile] {
        var files = [OutputFile(path: "sitemap.xml", text: Sitemap.xml(for: pages, baseURL: site.config.baseURL))]
        files.append(OutputFile(path: URLLayout.searchIndexPath, text: await searchIndex().json))
        files += templateDownloads()
        return files
    }

    func render(_ page: SitePage) throws(SiteGenError) -> OutputFile {
        let view: any Sendable =
            switch page {
            case .home: homeView()
            case .page(let page): pageView(page)
            case .course(let course): courseView(course)
            case .step(let course, let index): stepView(course, index: index)
            case .commandIndex: commandIndexView()
            case .commandGroup(let group): commandGroupView(group)
            case .command(let command): commandView(command)
            case .templateGallery: templateGalleryView()
            case .template(let template): templateView(template)
            case .playground: playgroundView()
            case .notFound: notFoundView()
            }
        let html = try theme.render(view, template: page.templateName)
        return OutputFile(path: page.outputPath, text: html)
    }

    // MARK: Views

    var siteView: SiteView {
        SiteView(
            title: site.config.title,
            root: layout.root,
            homeURL: layout.href(""),
            graderURL: site.config.graderURL,
            nav: site.config.nav.map {
                NavLinkView(title: $0.title, url: layout.href(authored: $0.url), current: false)
            },
            assets: assets.templateLinks,
            importMap: assets.importMap,
            codemirror: layout.href(CodeMirrorAssets.publishedFolder),
            searchIndexURL: layout.href(URLLayout.searchIndexPath),
            languagesJSON: Self.languagesJSON
        )
    }

    /// `{"python": {"id", "name", "mainFile", "editorMode", "needsServer", "defaultServer"}, "py": {…}, …}`.
    static let languagesJSON: String = {
        struct Entry: Encodable {
            var id, name, mainFile, editorMode, defaultServer: String
            var needsServer: Bool
        }
        var table: [String: Entry] = [:]
        for language in Language.all {
            let entry = Entry(
                id: language.id, name: language.name, mainFile: language.mainFile, editorMode: language.editorMode,
                defaultServer: language.defaultServer.rawValue, needsServer: language.needsServer)
            for word in [language.id] + language.aliases { table[word] = entry }
        }
        return ScriptJSON.encode(table)
    }()

    func meta(title: String?, description: String, sitePath: String?, kind: String, hasCode: Bool = false) -> PageMeta {
        PageMeta(
            title: title.map { "\($0) · \(site.config.title)" } ?? site.config.title,
            description: description,
            canonicalURL: sitePath.map { Sitemap.absoluteURL(baseURL: site.config.baseURL, sitePath: $0) } ?? "",
            kind: kind,
            hasCode: hasCode)
    }

    func view(for sitePath: String) -> SiteView { siteView.marking(current: layout.href(sitePath)) }

    func homeView() -> HomeView {
        let intro = site.pages.first { $0.slug == "index" }
        let cards = site.courses.map { course in
            let summary = courseSummary(course)
            return CourseCardView(
                id: course.id, title: course.title, summary: course.summary, url: summary.url,
                stepCountLabel: summary.stepCountLabel, languagesLabel: summary.languagesLabel,
                lessonIDs: course.steps.map(\.lessonID).joined(separator: " "))
        }
        let introHTML = intro.map { markdown.render($0.markdown).html } ?? ""
        return HomeView(
            site: view(for: ""),
            meta: meta(
                title: nil, description: intro?.summary ?? "", sitePath: "", kind: "home",
                hasCode: HTMLCode.contains(introHTML)),
            heroTitle: intro?.title ?? site.config.title,
            heroSummary: intro?.summary ?? "",
            introHTML: introHTML,
            courses: cards,
            firstCourse: cards.first)
    }

    func pageView(_ page: Page) -> PageView {
        let path = URLLayout.sitePath(page: page)
        let html = markdown.render(page.markdown).html
        return PageView(
            site: view(for: path),
            meta: meta(
                title: page.title, description: page.summary, sitePath: path, kind: "page",
                hasCode: HTMLCode.contains(html)),
            title: page.title,
            html: html)
    }

    func courseView(_ course: Course) -> CourseView {
        let path = URLLayout.sitePath(course: course)
        let steps = course.steps.indices.map { stepLink(course, index: $0) }
        return CourseView(
            site: view(for: path),
            meta: meta(title: course.title, description: course.summary, sitePath: path, kind: "course"),
            course: courseSummary(course),
            steps: steps,
            firstStep: steps.first)
    }

    func stepView(_ course: Course, index: Int) -> StepView {
        let step = course.steps[index]
        let path = URLLayout.sitePath(step: step)
        let languages = course.languages.enumerated().map { offset, language in
            LanguageOptionView(
                id: language.id, name: language.name, mode: language.editorMode, mainFile: language.mainFile,
                selected: offset == 0)
        }
        var starters: [String: StarterPayload] = [:]
        for language in course.languages {
            let files = step.starters[language.id] ?? []
            starters[language.id] = StarterPayload(
                name: language.name, mode: language.editorMode, mainFile: language.mainFile,
                files: Dictionary(files.map { ($0.name, $0.contents) }, uniquingKeysWith: { first, _ in first }))
        }
        let first = course.languages[0]
        return StepView(
            site: view(for: path),
            meta: meta(
                title: "\(step.title) · \(course.title)", description: step.summary, sitePath: path, kind: "step"),
            course: courseSummary(course),
            step: StepDetailView(
                number: step.number, title: step.title, summary: step.summary, lessonID: step.lessonID,
                timeoutSeconds: step.timeoutSeconds, valkey: step.valkey.rawValue,
                instructionsHTML: markdown.render(step.instructions).html),
            languages: languages,
            hasLanguageChoice: languages.count > 1,
            initialLanguage: languages[0],
            initialCode: step.starters[first.id]?.first { $0.name == first.mainFile }?.contents ?? "",
            startersJSON: ScriptJSON.encode(starters),
            previous: index > 0 ? stepLink(course, index: index - 1) : nil,
            carriesCode: course.grading == .cumulative,
            next: index + 1 < course.steps.count ? stepLink(course, index: index + 1) : nil,
            positionLabel: "Step \(index + 1) of \(course.steps.count)")
    }

    func notFoundView() -> NotFoundView {
        NotFoundView(
            site: siteView,
            meta: meta(title: "Page not found", description: "", sitePath: nil, kind: "not-found"))
    }

    private func courseSummary(_ course: Course) -> CourseSummaryView {
        CourseSummaryView(
            id: course.id, title: course.title, summary: course.summary,
            url: layout.href(URLLayout.sitePath(course: course)),
            languagesLabel: course.languages.map(\.name).joined(separator: ", "),
            stepCountLabel: course.steps.count == 1 ? "1 step" : "\(course.steps.count) steps")
    }

    private func stepLink(_ course: Course, index: Int) -> StepLinkView {
        let step = course.steps[index]
        return StepLinkView(
            number: step.number, position: index + 1, title: step.title, summary: step.summary,
            url: layout.href(URLLayout.sitePath(step: step)), lessonID: step.lessonID)
    }
}
