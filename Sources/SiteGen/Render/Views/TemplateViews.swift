/// `/templates/`: the gallery of starter programs.
struct TemplateGalleryView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var templates: [TemplateCardView]
    var playgroundURL: String
}

/// The facts about a template shown on the gallery and on its page.
struct TemplateCardView: Sendable {
    var name: String
    var title: String
    var summary: String
    var url: String
    var language: String
    var languageName: String
    var client: String
    var clientTitle: String
    var valkey: String
    /// `Standalone Valkey`, `Valkey cluster`, `No server`.
    var valkeyLabel: String
    var tags: [String]
    var hasTags: Bool
    /// `/playground/?template=<name>`.
    var playgroundURL: String
}

/// `/templates/<name>/`: the code, highlighted, with copy, download and open-in-playground.
struct TemplateView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var template: TemplateCardView
    var readmeHTML: String
    var files: [TemplateFileView]
    var galleryURL: String
    /// What to run it with outside the site, e.g. `python3 main.py`.
    var runCommand: String
}

/// One file of a template, shown and downloadable.
struct TemplateFileView: Sendable {
    var name: String
    /// Where the file is published as it is.
    var url: String
    /// The fence language the page's highlighter reads (`language-python`).
    var language: String
    var contents: String
    /// An element id for the `<pre>` the Copy button copies.
    var elementID: String
    var isMain: Bool
}

/// `/playground/`: an editor, a language and Valkey mode, Run, and the result with the server's keys.
struct PlaygroundView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var languages: [PlaygroundOptionView]
    var valkeyModes: [PlaygroundOptionView]
    var templates: [TemplateCardView]
    /// `{"<name>": {"title", "language", "valkey", "url"}}` for `?template=<name>`.
    var templatesJSON: String
    var galleryURL: String
}

/// One `<option>` of the playground's selects.
struct PlaygroundOptionView: Sendable {
    var id: String
    var name: String
    /// CodeMirror mode, for languages.
    var mode: String
    var mainFile: String
    var selected: Bool
}

/// What the playground's script needs to open a template.
struct PlaygroundTemplatePayload: Sendable, Encodable {
    var title: String
    var language: String
    var valkey: String
    var mainFile: String
    var url: String
}
