import Content

/// The code templates and the playground: `/templates/`, `/templates/<name>/` (and its files), `/playground/`.
extension SiteRenderer {
    func templateGalleryView() -> TemplateGalleryView {
        let path = URLLayout.templateGalleryPath
        return TemplateGalleryView(
            site: view(for: path),
            meta: meta(
                title: "Templates",
                description:
                    "Starter programs for Valkey clients: copy them, download them, or run them in the playground.",
                sitePath: path, kind: "templates"),
            templates: site.templates.map(templateCard),
            playgroundURL: layout.href(URLLayout.playgroundPath))
    }

    func templateView(_ template: CodeTemplate) -> TemplateView {
        let path = URLLayout.sitePath(template: template)
        let files = template.files.enumerated().map { index, file in
            TemplateFileView(
                name: file.name, url: layout.href(URLLayout.sitePath(template: template, file: file)),
                language: Self.fenceLanguage(of: file.name), contents: file.contents,
                elementID: "template-file-\(index + 1)", isMain: file.name == template.language.mainFile)
        }
        return TemplateView(
            site: view(for: path),
            meta: meta(
                title: template.title, description: template.summary, sitePath: path, kind: "template", hasCode: true),
            template: templateCard(template),
            readmeHTML: template.readme.map { markdown.render($0).html } ?? "",
            files: files,
            galleryURL: layout.href(URLLayout.templateGalleryPath),
            runCommand: Self.runCommand(for: template))
    }

    func playgroundView() -> PlaygroundView {
        let path = URLLayout.playgroundPath
        var payloads: [String: PlaygroundTemplatePayload] = [:]
        for template in site.templates {
            guard let main = template.mainFile else { continue }
            payloads[template.name] = PlaygroundTemplatePayload(
                title: template.title, language: template.language.id, valkey: template.valkey.rawValue,
                mainFile: main.name, url: layout.href(URLLayout.sitePath(template: template, file: main)))
        }
        return PlaygroundView(
            site: view(for: path),
            meta: meta(
                title: "Playground",
                description: "Run Python, JavaScript or raw Valkey commands against a real Valkey server.",
                sitePath: path, kind: "playground"),
            languages: Language.all.enumerated().map { index, language in
                PlaygroundOptionView(
                    id: language.id, name: language.name, mode: language.editorMode, mainFile: language.mainFile,
                    selected: index == 0)
            },
            valkeyModes: ValkeyMode.allCases.map { mode in
                PlaygroundOptionView(
                    id: mode.rawValue, name: Self.valkeyLabel(mode), mode: "", mainFile: "",
                    selected: mode == .standalone)
            },
            templates: site.templates.map(templateCard),
            templatesJSON: ScriptJSON.encode(payloads),
            galleryURL: layout.href(URLLayout.templateGalleryPath))
    }

    /// Each template file, published as it is beside the template's page, for the Download links and the playground.
    func templateDownloads() -> [OutputFile] {
        site.templates.flatMap { template in
            template.files.map { file in
                OutputFile(path: URLLayout.sitePath(template: template, file: file), text: file.contents)
            }
        }
    }

    func templateCard(_ template: CodeTemplate) -> TemplateCardView {
        TemplateCardView(
            name: template.name, title: template.title, summary: template.summary,
            url: layout.href(URLLayout.sitePath(template: template)), language: template.language.id,
            languageName: template.language.name, client: template.client.rawValue,
            clientTitle: template.client.title, valkey: template.valkey.rawValue,
            valkeyLabel: Self.valkeyLabel(template.valkey), tags: template.tags, hasTags: !template.tags.isEmpty,
            playgroundURL: layout.href(URLLayout.playgroundPath) + "?template=" + template.name)
    }

    static func valkeyLabel(_ mode: ValkeyMode) -> String {
        switch mode {
        case .none: "No server"
        case .standalone: "Standalone Valkey"
        case .cluster: "Valkey cluster"
        }
    }

    /// The highlighter's language for a file name (`main.py` → `python`).
    static func fenceLanguage(of fileName: String) -> String {
        if let language = Language.ofFile(fileName) { return language.id }
        switch fileName.split(separator: ".").last.map(String.init) ?? "" {
        case "json": return "json"
        case "sh": return "shell"
        default: return "text"
        }
    }

    /// How to run the template on one's own machine, next to a local Valkey.
    static func runCommand(for template: CodeTemplate) -> String {
        switch template.language.id {
        case "python": "python3 \(template.language.mainFile)"
        case "javascript": "node \(template.language.mainFile)"
        default:
            // valkey-cli reads commands from stdin but would send comment lines as commands.
            "grep -v '^#' \(template.language.mainFile) | valkey-cli"
                + (template.valkey == .cluster ? " -c -p 7000" : "")
        }
    }
}
