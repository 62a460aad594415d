/// One page of the command reference: the facts the bundled `valkey-server` reports for a command
/// (`content/commands/facts.json`, imported by `scripts/import_commands.py`, never typed by hand) and, where
/// written, our own description and examples (`content/commands/<NAME>.md`).
public struct ValkeyCommand: Sendable {
    /// The command as a client sends it, in capitals: `SET`, `CLUSTER SLOTS`.
    public var name: String
    /// The URL segment: the name in lowercase with `-` between words (`set`, `cluster-slots`).
    public var slug: String
    /// For a subcommand, the command it belongs to (`CLUSTER` for `CLUSTER SLOTS`).
    public var container: String?
    public var group: CommandGroup
    /// The version that introduced the command, e.g. `2.6.12`.
    public var since: String
    /// Time complexity, in words (`O(1)`, `O(N) where N is …`).
    public var complexity: String
    /// Number of words in a call, the command included; negative `-N` means "at least N".
    public var arity: Int
    /// ACL categories without the `@`, e.g. `write`, `string`, `slow`.
    public var aclCategories: [String]
    /// How the server treats the command (COMMAND INFO's flags): `readonly`, `write`, `fast`, `blocking`, `denyoom`…
    public var flags: [String]
    /// One sentence: ours when the page's Markdown gives one, else the server's.
    public var summary: String
    /// The server's own one-line summary.
    public var serverSummary: String
    /// The arguments after the command name, in order.
    public var arguments: [Argument]
    /// How the command changed, oldest first: the version and what changed (Markdown, as the server words it).
    public var history: [Change]
    /// The version that deprecated the command, if it is deprecated.
    public var deprecatedSince: String?
    /// What to use instead of a deprecated command (Markdown, as the server words it, e.g. `` `REPLICAOF` ``).
    public var replacedBy: String?
    /// The server's documentation flags: `deprecated`, `syscmd` (meant for servers, not clients).
    public var docFlags: [String]
    /// Our description and examples: the `.md` file after its front matter; empty when there is none.
    public var markdown: String
    /// Whether `content/commands/<NAME>.md` exists for the command.
    public var hasProse: Bool
    /// Where `markdown` starts, or the command's entry in `facts.json` when it has no prose.
    public var source: SourceLocation

    public init(
        name: String, slug: String? = nil, container: String? = nil, group: CommandGroup, since: String,
        complexity: String, arity: Int, aclCategories: [String], flags: [String] = [], summary: String,
        serverSummary: String? = nil,
        arguments: [Argument] = [], history: [Change] = [], deprecatedSince: String? = nil, replacedBy: String? = nil,
        docFlags: [String] = [], markdown: String = "", hasProse: Bool = false, source: SourceLocation
    ) {
        self.name = name
        self.slug = slug ?? Self.slug(of: name)
        self.container = container
        self.group = group
        self.since = since
        self.complexity = complexity
        self.arity = arity
        self.aclCategories = aclCategories
        self.flags = flags
        self.summary = summary
        self.serverSummary = serverSummary ?? summary
        self.arguments = arguments
        self.history = history
        self.deprecatedSince = deprecatedSince
        self.replacedBy = replacedBy
        self.docFlags = docFlags
        self.markdown = markdown
        self.hasProse = hasProse
        self.source = source
    }

    /// `CLUSTER SLOTS` → `cluster-slots`: the page's URL segment (and, in capitals, its Markdown file's name).
    public static func slug(of name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    /// The server's words for a command it keeps for old clients only.
    public var isDeprecated: Bool { deprecatedSince != nil || docFlags.contains("deprecated") }

    /// One entry of a command's history.
    public struct Change: Sendable, Equatable {
        public var version: String
        public var change: String

        public init(version: String, change: String) {
            self.version = version
            self.change = change
        }
    }

    /// One argument of a command, or a group of them (`oneof`, `block`), as in Valkey's command JSON.
    public struct Argument: Sendable, Equatable {
        public var name: String
        public var type: ArgumentType
        /// A fixed word sent before the value (`EX` in `EX seconds`), or the whole argument for `pure-token`.
        public var token: String?
        public var optional: Bool
        /// The argument may repeat (`key [key ...]`).
        public var multiple: Bool
        /// With `multiple`: the token repeats too (`GET pattern [GET pattern ...]`).
        public var multipleToken: Bool
        /// Shown in the syntax line instead of `name`.
        public var display: String?
        /// The alternatives of a `oneof`, the parts of a `block`; empty otherwise.
        public var arguments: [Argument]

        public init(
            name: String, type: ArgumentType, token: String? = nil, optional: Bool = false, multiple: Bool = false,
            multipleToken: Bool = false, display: String? = nil, arguments: [Argument] = []
        ) {
            self.name = name
            self.type = type
            self.token = token
            self.optional = optional
            self.multiple = multiple
            self.multipleToken = multipleToken
            self.display = display
            self.arguments = arguments
        }
    }

    /// What an argument holds, named as in Valkey's command JSON.
    public enum ArgumentType: String, Sendable, CaseIterable, Equatable {
        case string
        case integer
        case double
        case key
        case pattern
        case unixTime = "unix-time"
        case pureToken = "pure-token"
        case oneof
        case block

        /// Whether the type groups other arguments (and so needs `arguments`).
        public var isGroup: Bool { self == .oneof || self == .block }
    }
}

/// The group a command belongs to, as Valkey's documentation groups them (in the reference's display order).
public enum CommandGroup: String, Sendable, CaseIterable, Equatable {
    case string
    case list
    case hash
    case set
    case sortedSet = "sorted-set"
    case stream
    case pubsub
    case transactions
    case generic
    case connection
    case server
    case scripting
    case cluster
    case bitmap
    case hyperloglog
    case geo

    /// The heading the command index shows for the group.
    public var title: String {
        switch self {
        case .string: "Strings"
        case .list: "Lists"
        case .hash: "Hashes"
        case .set: "Sets"
        case .sortedSet: "Sorted sets"
        case .stream: "Streams"
        case .pubsub: "Pub/Sub"
        case .transactions: "Transactions"
        case .generic: "Keys"
        case .connection: "Connection"
        case .server: "Server"
        case .scripting: "Scripting and functions"
        case .cluster: "Cluster"
        case .bitmap: "Bitmaps"
        case .hyperloglog: "HyperLogLog"
        case .geo: "Geospatial"
        }
    }
}
