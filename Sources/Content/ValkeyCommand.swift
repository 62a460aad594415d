/// One page of the command reference: `content/commands/<NAME>.md`, its facts (modelled on Valkey's command
/// JSON) and our own description.
public struct ValkeyCommand: Sendable {
    /// The command as a client sends it, in capitals: `SET`, `CLUSTER SLOTS`.
    public var name: String
    /// The URL segment: the file name in lowercase (`set`, `cluster-slots`).
    public var slug: String
    public var group: CommandGroup
    /// The version that introduced the command, e.g. `2.6.12`.
    public var since: String
    /// Time complexity, in words (`O(1)`, `O(N) where N is …`).
    public var complexity: String
    /// Number of words in a call, the command included; negative `-N` means "at least N".
    public var arity: Int
    /// ACL categories without the `@`, e.g. `write`, `string`, `slow`.
    public var aclCategories: [String]
    /// One sentence: what the command does.
    public var summary: String
    /// The arguments after the command name, in order.
    public var arguments: [Argument]
    /// The description and examples: the file after its front matter.
    public var markdown: String
    /// Where `markdown` starts in the file.
    public var source: SourceLocation

    public init(
        name: String, slug: String, group: CommandGroup, since: String, complexity: String, arity: Int,
        aclCategories: [String], summary: String, arguments: [Argument], markdown: String, source: SourceLocation
    ) {
        self.name = name
        self.slug = slug
        self.group = group
        self.since = since
        self.complexity = complexity
        self.arity = arity
        self.aclCategories = aclCategories
        self.summary = summary
        self.arguments = arguments
        self.markdown = markdown
        self.source = source
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

    /// ACL categories Valkey defines; front matter may name them with or without the `@`.
    public static let aclCategories = [
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo",
        "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting",
    ]
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
