import Foundation

/// Reads the code templates: `content/templates/<name>/template.yml` and the files beside it.
struct TemplateLoader {
    let paths: ContentPaths

    static let allowedKeys = ["title", "summary", "language", "client", "valkey", "tags", "order"]
    static let definitionName = "template.yml"
    /// An optional longer description, rendered on the template's page and not published as a file.
    static let readmeName = "README.md"
    static let orderRange = 0...9999

    func load(issues: inout ContentIssues) -> [CodeTemplate] {
        let folder = paths.root.appendingPathComponent("templates")
        guard FileSystem.isDirectory(folder) else { return [] }
        let templates = FileSystem.entries(of: folder).compactMap { entry -> CodeTemplate? in
            guard FileSystem.isDirectory(entry) else {
                issues.report(
                    paths.location(entry),
                    "the templates folder holds one folder per template (with template.yml and the program's files)")
                return nil
            }
            return loadTemplate(entry, issues: &issues)
        }
        return templates.sorted { ($0.order, $0.title, $0.name) < ($1.order, $1.title, $1.name) }
    }

    private func loadTemplate(_ folder: URL, issues: inout ContentIssues) -> CodeTemplate? {
        let name = folder.lastPathComponent
        Slug.checkFolder(folder, kind: "template", example: "python-cache", paths: paths, issues: &issues)
        let definition = folder.appendingPathComponent(Self.definitionName)
        let file = paths.display(definition)
        guard
            let fields = YAMLMapping.load(
                definition, as: file, advice: "create it with 'title: …', 'summary: …' and 'language: python'",
                allowedKeys: Self.allowedKeys, issues: &issues) ?? nil
        else { return nil }
        let title = fields.text("title", required: true, issues: &issues)
        let summary = fields.text("summary", required: true, issues: &issues)
        let language = language(fields, issues: &issues)
        let client: TemplateClient = fields.choice("client", issues: &issues) ?? .none
        let valkey: ValkeyMode = fields.choice("valkey", issues: &issues) ?? .none
        let tags = tags(fields, issues: &issues)
        let order = fields.integer("order", in: Self.orderRange, issues: &issues) ?? 0
        if let language {
            checkCombination(language: language, client: client, valkey: valkey, fields: fields, issues: &issues)
        }
        let files = language.map { loadFiles(in: folder, language: $0, issues: &issues) } ?? []
        let readmeURL = folder.appendingPathComponent(Self.readmeName)
        let readme = FileSystem.isFile(readmeURL) ? FileSystem.text(at: readmeURL) : nil
        if let readme {
            CodeFenceChecker.check(readme, body: paths.location(readmeURL, line: 1), issues: &issues)
        }

        guard Slug.isValid(name), let title, let summary, let language, !files.isEmpty else { return nil }
        return CodeTemplate(
            name: name, title: title, summary: summary, language: language, client: client, valkey: valkey,
            tags: tags, order: order, readme: readme, files: files, source: SourceLocation(file: file, line: 1))
    }

    private func language(_ fields: YAMLMapping, issues: inout ContentIssues) -> Language? {
        let allowed = Language.all.map(\.id)
        guard let node = fields.value("language") else {
            issues.report(
                fields.startLocation, field: "language",
                "missing; add 'language: …', one of \(allowed.joined(separator: ", "))")
            return nil
        }
        guard let id = node.scalar?.string, let language = Language.named(id) else {
            issues.report(fields.location(of: node), field: "language", YAMLMapping.notOneOf(allowed, found: node))
            return nil
        }
        return language
    }

    private func tags(_ fields: YAMLMapping, issues: inout ContentIssues) -> [String] {
        let tags = fields.textList("tags", required: false, issues: &issues) ?? []
        for tag in tags where !Slug.isValid(tag) {
            issues.report(
                fields.location(of: fields.value("tags")!), field: "tags",
                "'\(tag)' is not a tag; tags are lowercase words joined by '-', like 'sorted-sets'")
        }
        return tags.filter(Slug.isValid)
    }

    /// A client belongs to a language, and raw commands need a server to go to.
    private func checkCombination(
        language: Language, client: TemplateClient, valkey: ValkeyMode, fields: YAMLMapping,
        issues: inout ContentIssues
    ) {
        if !client.languages.contains(language.id) {
            let fitting = TemplateClient.allCases.filter { $0.languages.contains(language.id) }.map(\.rawValue)
            issues.report(
                fields.location(of: fields.value("client")!), field: "client",
                "'\(client.rawValue)' is not a \(language.name) client; for \(language.id) use one of "
                    + fitting.joined(separator: ", "))
        }
        if client != .none, valkey == .none {
            issues.report(
                fields.value("valkey").map(fields.location(of:)) ?? fields.startLocation, field: "valkey",
                "a program using \(client.rawValue) needs a server; set 'valkey: standalone' or 'valkey: cluster'")
        }
        if language.needsServer, valkey == .none {
            issues.report(
                fields.value("valkey").map(fields.location(of:)) ?? fields.startLocation, field: "valkey",
                "\(language.name) need a server; set 'valkey: standalone' or 'valkey: cluster'")
        }
    }

    /// Every file of the folder but `template.yml` and `README.md`, the main file first.
    private func loadFiles(in folder: URL, language: Language, issues: inout ContentIssues) -> [SourceFile] {
        let names = FileSystem.files(below: folder).filter { $0 != Self.definitionName && $0 != Self.readmeName }
        guard names.contains(language.mainFile) else {
            issues.report(
                paths.location(folder),
                "has no \(language.mainFile), the file the runner starts for \(language.name); add it next to template.yml"
            )
            return []
        }
        let plainNames = names.filter { name in
            guard SubmissionRules.isValidFileName(name) else {
                issues.report(
                    paths.location(folder.appendingPathComponent(name)),
                    "template files must sit next to template.yml with plain names (\(SubmissionRules.fileNameRule)), "
                        + "since each is published and sent to the runner as is")
                return false
            }
            return true
        }
        return SourceFiles.read(plainNames, in: folder, mainFile: language.mainFile, paths: paths, issues: &issues)
    }
}
