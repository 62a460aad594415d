/// A starter program learners copy, download or open in the playground: `content/templates/<name>/`.
public struct CodeTemplate: Sendable {
    /// The folder name, which is also the URL segment.
    public var name: String
    public var title: String
    public var summary: String
    public var language: Language
    /// The client library the program uses.
    public var client: TemplateClient
    /// The Valkey server the program expects to find.
    public var valkey: ValkeyMode
    public var tags: [String]
    /// Position in the gallery (lower first; ties by title).
    public var order: Int
    /// An optional longer description (`README.md` in the folder), Markdown.
    public var readme: String?
    /// The published files, the language's main file first.
    public var files: [SourceFile]
    /// `template.yml`.
    public var source: SourceLocation

    public init(
        name: String, title: String, summary: String, language: Language, client: TemplateClient, valkey: ValkeyMode,
        tags: [String], order: Int, readme: String?, files: [SourceFile], source: SourceLocation
    ) {
        self.name = name
        self.title = title
        self.summary = summary
        self.language = language
        self.client = client
        self.valkey = valkey
        self.tags = tags
        self.order = order
        self.readme = readme
        self.files = files
        self.source = source
    }

    /// The file the runner starts (`main.py`, `main.js`, `commands.valkey`).
    public var mainFile: SourceFile? { files.first { $0.name == language.mainFile } }
}

/// The client library a template is written against; each belongs to one language.
public enum TemplateClient: String, Sendable, CaseIterable, Equatable {
    case valkeyPy = "valkey-py"
    case valkeyGlide = "valkey-glide"
    case nodeRedis = "node-redis"
    /// No library: raw commands, or a program that speaks RESP itself.
    case none

    public var title: String {
        switch self {
        case .valkeyPy: "valkey-py"
        case .valkeyGlide: "Valkey GLIDE"
        case .nodeRedis: "node-redis"
        case .none: "No client library"
        }
    }

    /// The languages a program using this client can be written in.
    public var languages: [String] {
        switch self {
        case .valkeyPy, .valkeyGlide: ["python"]
        case .nodeRedis: ["javascript"]
        case .none: Language.all.map(\.id)
        }
    }
}
