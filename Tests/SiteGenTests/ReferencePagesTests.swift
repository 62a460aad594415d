import Foundation
import Testing

@testable import SiteGen

/// Facts as `scripts/import_commands.py` writes them: two strings, a sorted-set command, PING, a container with
/// one subcommand and a deprecated server command.
let referenceFacts = """
    {
      "format": 1,
      "generated_by": "scripts/import_commands.py",
      "server": "valkey-server 9.1.2",
      "commands": {
        "CLUSTER": {
          "group": "cluster",
          "since": "3.0.0",
          "complexity": "Depends on subcommand.",
          "summary": "A container for Valkey Cluster commands.",
          "arity": -2,
          "acl_categories": ["slow"]
        },
        "CLUSTER SLOTS": {
          "container": "CLUSTER",
          "group": "cluster",
          "since": "3.0.0",
          "complexity": "O(N) where N is the total number of Cluster nodes",
          "summary": "Returns the mapping of cluster slots to nodes.",
          "arity": 2,
          "acl_categories": ["slow"]
        },
        "GET": {
          "group": "string",
          "since": "1.0.0",
          "complexity": "O(1)",
          "summary": "Returns the string value of a key.",
          "arity": 2,
          "acl_categories": ["read", "string", "fast"],
          "arguments": [
            {"name": "key", "type": "key"}
          ]
        },
        "PING": {
          "group": "connection",
          "since": "1.0.0",
          "complexity": "O(1)",
          "summary": "Returns the server's liveliness response.",
          "arity": -1,
          "acl_categories": ["fast", "connection"]
        },
        "SET": {
          "group": "string",
          "since": "1.0.0",
          "complexity": "O(1)",
          "summary": "Sets the string value of a key.",
          "arity": -3,
          "acl_categories": ["write", "string", "slow"],
          "flags": ["denyoom", "write"],
          "history": [
            ["2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."],
            ["7.0.0", "Allowed the `NX` and `GET` options to be used together, like `GET`."]
          ],
          "arguments": [
            {"name": "key", "type": "key"},
            {"name": "value", "type": "string"},
            {"name": "condition", "type": "oneof", "optional": true, "arguments": [{"name": "nx", "type": "pure-token", "token": "NX"}, {"name": "xx", "type": "pure-token", "token": "XX"}]}
          ]
        },
        "SLAVEOF": {
          "group": "server",
          "since": "1.0.0",
          "complexity": "O(1)",
          "summary": "Sets a server as a replica of another, or promotes it to being a primary.",
          "arity": 3,
          "acl_categories": ["admin", "slow", "dangerous"],
          "deprecated_since": "5.0.0",
          "replaced_by": "`CLUSTER SLOTS` or nothing",
          "doc_flags": ["deprecated"]
        },
        "ZADD": {
          "group": "sorted-set",
          "since": "1.2.0",
          "complexity": "O(log(N))",
          "summary": "Adds one or more members to a sorted set.",
          "arity": -4,
          "acl_categories": ["write", "sortedset", "fast"]
        }
      }
    }

    """

/// The fixture site plus the command reference (facts, prose for SET and GET, a lesson using SET), two templates
/// and a free page with runnable examples.
func referenceFixture(baseURL: String = "https://codealong.example") throws -> SiteFixture {
    let fixture = try SiteFixture(baseURL: baseURL)
    try fixture.write("content/commands/facts.json", referenceFacts)
    try fixture.write(
        "content/commands/SET.md",
        """
        ---
        summary: Stores a string under a key.
        ---
        ## Options

        Pick one. See [GET](/commands/get/).

        ```valkey run
        SET greeting hello
        ```

        """)
    try fixture.write("content/commands/GET.md", "Reads.\n")
    try fixture.writeStep("04-store", title: "Store a value", body: "Answer [`SET`](/commands/set/) with `+OK`.\n")
    try fixture.write(
        "content/templates/py-cache/template.yml",
        "title: Cache-aside\nsummary: Cache with a TTL.\nlanguage: python\nclient: valkey-py\nvalkey: standalone\ntags: [caching]\norder: 1\n"
    )
    try fixture.write("content/templates/py-cache/main.py", "import valkey\nif a < b:\n    print('</script>')\n")
    try fixture.write("content/templates/py-cache/README.md", "Uses **SET** with `EX`.\n")
    try fixture.write(
        "content/templates/tour/template.yml",
        "title: Tour\nsummary: Raw commands.\nlanguage: valkey\nvalkey: standalone\norder: 2\n")
    try fixture.write("content/templates/tour/commands.valkey", "PING\n")
    try fixture.write(
        "content/pages/guide.md",
        "---\ntitle: Guide\n---\n## Try it\n\n```python run valkey=standalone\nprint(1)\n```\n\n```text\nplain\n```\n")
    return fixture
}

/// Every root-relative `href`/`src` in `html` (query and fragment removed).
func internalLinks(in html: String) -> [String] {
    html.matches(of: /(?:href|src)="(\/[^"]*)"/).map { match in
        let link = String(match.1)
        return String(link.prefix { $0 != "?" && $0 != "#" })
    }
}

/// The output file a root-relative link serves (`/commands/` → `commands/index.html`).
func outputPath(for link: String, root: String = "") -> String {
    var path = String(link.dropFirst(root.count + 1))
    if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
    return path
}

@Suite("Command reference, templates, playground and search")
struct ReferencePagesTests {
    @Test func everyNewPageIsWrittenAndListedInTheSitemap() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        for path in [
            "commands/index.html", "commands/set/index.html", "commands/get/index.html", "commands/zadd/index.html",
            "templates/index.html", "templates/py-cache/index.html", "templates/py-cache/main.py",
            "templates/tour/index.html", "templates/tour/commands.valkey", "playground/index.html",
            "search-index.json", "guide/index.html",
        ] {
            #expect(fixture.exists(path), "missing \(path)")
        }
        let sitemap = try fixture.read("sitemap.xml")
        for path in ["commands/", "commands/set/", "templates/", "templates/tour/", "playground/"] {
            #expect(sitemap.contains("<loc>https://codealong.example/\(path)</loc>"))
        }
        #expect(!sitemap.contains("main.py") && !sitemap.contains("search-index"))
        // README.md describes the template; it is not one of its files.
        #expect(!fixture.exists("templates/py-cache/README.md"))
    }

    @Test func internalLinksOfEveryPageResolveToGeneratedFiles() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let pages = fixture.outputFiles().filter { $0.hasSuffix(".html") }
        try #require(pages.count > 10, "the build wrote the pages")
        var linksChecked = 0
        for page in pages {
            for link in internalLinks(in: try fixture.read(page)) {
                linksChecked += 1
                #expect(fixture.exists(outputPath(for: link)), "\(page) links to \(link), which was not generated")
            }
        }
        #expect(linksChecked > 50, "the pages link to each other")
    }

    @Test func commandIndexGroupsCommandsWithAFilterBox() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("commands/index.html")
        #expect(html.contains(#"<body class="page-commands""#))
        // Groups in the reference's order, each a section whose heading is the anchor.
        let groups = html.matches(of: /<section class="command-group" data-group="([^"]+)"/).map { String($0.1) }
        #expect(groups == ["string", "sorted-set", "connection", "server", "cluster"])
        #expect(
            html.contains(
                #"<h2 id="string" class="command-group-title"><a href="/commands/groups/string/">Strings</a> <span class="command-group-count">2 commands</span></h2>"#
            ))
        #expect(html.contains(#"<a href="/commands/groups/sorted-set/">Sorted sets</a>"#))
        // Subcommands are listed under their container; a deprecated command says so in words.
        let names = html.matches(of: /<li class="command-entry[^"]*" data-name="([^"]+)">/).map { String($0.1) }
        #expect(names == ["get", "set", "zadd", "ping", "slaveof", "cluster", "cluster-slots"])
        #expect(html.contains(#"<ul class="command-list command-sublist" aria-label="CLUSTER subcommands">"#))
        #expect(html.contains(#"<li class="command-entry command-entry-deprecated" data-name="slaveof">"#))
        #expect(html.contains(#"<span class="command-badge command-badge-deprecated">deprecated</span>"#))
        #expect(html.contains("2 with a guide and examples"))
        #expect(
            html.contains(
                #"<a class="command-entry-link" href="/commands/set/"><code class="command-entry-name">SET</code></a>"#)
        )
        // The filter needs JavaScript, so it starts hidden and the list reads fine without it.
        #expect(html.contains(#"<div class="command-filter" id="command-filter-box" hidden>"#))
        #expect(html.contains(#"<input id="command-filter""#))
        #expect(
            html.contains(#"id="command-filter-count" class="command-filter-count" aria-live="polite">7 commands<"#))
        #expect(html.contains(try assetLink(in: html, named: "commands")))
    }

    @Test func commandPageShowsSyntaxFactsDescriptionAndRunnableExample() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("commands/set/index.html")
        #expect(html.contains(#"<h1 class="command-name"><code>SET</code></h1>"#))
        #expect(html.contains(#"data-syntax="SET key value [NX | XX]""#))
        #expect(html.contains(#"<span class="syntax-token">NX</span> | <span class="syntax-token">XX</span>"#))
        #expect(html.contains(#"<dd class="fact-since">1.0.0</dd>"#))
        #expect(html.contains(#"<dd class="fact-complexity">O(1)</dd>"#))
        #expect(html.contains(#"<dd class="fact-group"><a href="/commands/groups/string/">Strings</a></dd>"#))
        #expect(html.contains(#"<code class="acl-category">@write</code>"#))
        #expect(
            html.contains(
                #"<dd class="fact-flags"><code class="command-flag">denyoom</code> <code class="command-flag">write</code> </dd>"#
            ))
        #expect(html.contains(#"<dd class="fact-arity">-3: at least 3 words, the command included</dd>"#))
        #expect(html.contains(#"<h2 id="options">Options</h2>"#))
        // The runnable example is a fence the page's script turns into an editor.
        #expect(html.contains(#"<pre><code class="language-valkey" data-meta="run">SET greeting hello"#))
        #expect(html.contains(#"data-grader-url="""#))
        #expect(html.contains(#"<script defer src="/assets/codemirror/addon/runmode/runmode.js"></script>"#))
        #expect(html.contains(try assetLink(in: html, named: "code")))
        // Related commands of the same group, not of others.
        #expect(html.contains(#"<a class="command-entry-link" href="/commands/get/">"#))
        #expect(!html.contains(#"href="/commands/zadd/""#))
        // A command without code does not load CodeMirror.
        let zadd = try fixture.read("commands/zadd/index.html")
        #expect(!zadd.contains("codemirror.js"))
        #expect(!zadd.contains("More Sorted sets commands"))
    }

    @Test func commandPageShowsHistoryLessonsAndOnlyFactsWithoutProse() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let set = try fixture.read("commands/set/index.html")
        // The server's history, its Markdown rendered; its code names options, so it is not linked.
        #expect(set.contains(#"<div class="command-change"><dt>2.6.12</dt><dd>Added the <code>EX</code>"#))
        #expect(set.contains(#"like <code>GET</code>.</dd>"#))
        // The lessons that use the command, found in the steps themselves.
        #expect(set.contains(#"<h2 id="lessons-heading">Used in lessons</h2>"#))
        #expect(
            set.contains(
                #"<li data-lesson="demo/04-store"><a href="/courses/demo/04-store/">Store a value</a> <span class="command-lesson-course">Demo course</span></li>"#
            ))
        #expect(!set.contains("No guide or examples"))
        // Our summary replaces the server's.
        #expect(set.contains(#"<p class="lede command-summary">Stores a string under a key.</p>"#))

        let zadd = try fixture.read("commands/zadd/index.html")
        #expect(zadd.contains("No guide or examples for this command yet"))
        #expect(!zadd.contains("fact-flags"), "no flags, no row")
        #expect(zadd.contains(#"<p class="lede command-summary">Adds one or more members to a sorted set.</p>"#))
        #expect(!zadd.contains("lessons-heading") && !zadd.contains("history-heading"))
    }

    @Test func containersListSubcommandsAndDeprecatedCommandsSayWhatToUse() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let cluster = try fixture.read("commands/cluster/index.html")
        // A container has no usage line of its own: its subcommands have.
        #expect(!cluster.contains(#"id="command-syntax""#))
        #expect(cluster.contains(#"<h2 id="subcommands-heading" class="command-section-label">Subcommands</h2>"#))
        #expect(cluster.contains(#"<a class="command-entry-link" href="/commands/cluster-slots/">"#))

        let slots = try fixture.read("commands/cluster-slots/index.html")
        #expect(slots.contains(#"data-syntax="CLUSTER SLOTS""#))
        #expect(slots.contains(#"<span aria-hidden="true"> / </span><a href="/commands/cluster/">CLUSTER</a>"#))

        let slaveof = try fixture.read("commands/slaveof/index.html")
        #expect(
            slaveof.contains(
                #"<p id="command-deprecation" class="command-notice command-notice-deprecated"><strong>Deprecated</strong> since 5.0.0. Use <a href="/commands/cluster-slots/"><code>CLUSTER SLOTS</code></a> or nothing instead.</p>"#
            ))
    }

    @Test func eachGroupHasItsPageWithEveryCommandAndTheOtherGroups() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        for group in ["string", "sorted-set", "connection", "server", "cluster"] {
            #expect(fixture.exists("commands/groups/\(group)/index.html"), "no page for \(group)")
        }
        #expect(!fixture.exists("commands/groups/list/index.html"), "a group without commands has no page")
        #expect(try fixture.read("sitemap.xml").contains("<loc>https://codealong.example/commands/groups/cluster/</loc>"))
        let html = try fixture.read("commands/groups/cluster/index.html")
        #expect(html.contains(#"<main id="main" class="container reference-page command-group-page" data-group="cluster">"#))
        #expect(html.contains(#"<p class="eyebrow">Reference · 2 commands</p>"#))
        #expect(html.contains(#"<h1>Cluster</h1>"#))
        let names = html.matches(of: /<li class="command-entry[^"]*" data-name="([^"]+)">/).map { String($0.1) }
        #expect(names == ["cluster", "cluster-slots"])
        #expect(html.contains(#"<li><a href="/commands/groups/cluster/" aria-current="page">Cluster</a></li>"#))
        #expect(html.contains(#"<li><a href="/commands/groups/string/">Strings</a></li>"#))
        #expect(html.contains(#"<title>Cluster commands · Test Along</title>"#))
    }

    @Test func templateGalleryAndPageOfferCopyDownloadAndPlayground() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let gallery = try fixture.read("templates/index.html")
        let cards = gallery.matches(
            of: /<li class="template-card" data-template="([^"]+)" data-language="([^"]+)" data-valkey="([^"]+)">/
        )
        .map { "\($0.1) \($0.2) \($0.3)" }
        #expect(cards == ["py-cache python standalone", "tour valkey standalone"])
        #expect(gallery.contains(#"<a class="template-card-play" href="/playground/?template=py-cache">"#))
        #expect(gallery.contains(#"<span class="badge">valkey-py</span>"#))
        #expect(gallery.contains("#caching"))

        let page = try fixture.read("templates/py-cache/index.html")
        #expect(
            page.contains(
                #"<a id="open-in-playground" class="button button-primary" href="/playground/?template=py-cache">"#))
        #expect(
            page.contains(
                #"<a class="button button-small download-link" href="/templates/py-cache/main.py" download="main.py">"#)
        )
        #expect(page.contains(#"data-copy-target="template-file-1" hidden>"#))
        // The code is escaped in the page, highlighted by CodeMirror's runmode, and published as it is.
        #expect(
            page.contains(
                #"<pre id="template-file-1" class="template-code"><code class="language-python">import valkey"#))
        #expect(page.contains("if a &lt; b:"))
        #expect(page.contains("<strong>SET</strong>"))
        #expect(try fixture.read("templates/py-cache/main.py") == "import valkey\nif a < b:\n    print('</script>')\n")
        #expect(page.contains(try assetLink(in: page, named: "template")))
        #expect(page.contains(try assetLink(in: page, named: "code")))
        #expect(
            try fixture.read("templates/tour/index.html").contains(
                "<code>grep -v &#39;^#&#39; commands.valkey | valkey-cli</code>"))
    }

    @Test func playgroundHasTheEditorSelectsRunButtonOutputAndKeyspaceTable() async throws {
        let fixture = try referenceFixture(baseURL: "https://example.org/learn")
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let html = try fixture.read("playground/index.html")
        #expect(html.contains(#"<main id="main" class="playground" data-grader-url="">"#))
        #expect(html.contains(#"<textarea id="code-editor""#))
        let languages = html.matches(of: /<option value="([a-z]+)" data-mode/).map { String($0.1) }
        #expect(languages == ["python", "javascript", "valkey"])
        #expect(html.contains(#"<select id="playground-valkey""#))
        #expect(html.contains(#"<option value="standalone" selected>"#))
        #expect(html.contains(#"<option value="cluster">Valkey cluster</option>"#))
        #expect(html.contains(#"<option value="py-cache">Cache-aside (Python)</option>"#))
        #expect(html.contains(#"<button id="run-button" type="button""#))
        #expect(html.contains(#"id="result-status" class="result-status" data-status="idle""#))
        #expect(html.contains(#"<pre id="result-stdout" class="output result-stdout">"#))
        #expect(html.contains(#"<table id="keyspace-table" class="keyspace-table">"#))
        #expect(html.contains(#"<script type="module" src="/learn/assets/js/playground."#))
        // Templates the playground can open, with their published files (under the site's path).
        let json = try #require(
            html.firstMatch(of: /<script type="application\/json" id="playground-templates">(.*?)<\/script>/))
        let templates = try JSONDecoder().decode([String: PlaygroundTemplateFixture].self, from: Data(json.1.utf8))
        #expect(templates["py-cache"]?.url == "/learn/templates/py-cache/main.py")
        #expect(templates["tour"]?.language == "valkey" && templates["tour"]?.valkey == "standalone")
        #expect(fixture.exists(String(templates["py-cache"]!.url.dropFirst("/learn/".count))))
    }

    @Test func runnableFencesOnFreePagesLoadTheCodeScripts() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let guide = try fixture.read("guide/index.html")
        #expect(guide.contains(#"<code class="language-python" data-meta="run valkey=standalone">"#))
        #expect(guide.contains(try assetLink(in: guide, named: "code")))
        #expect(guide.contains(#"<link rel="stylesheet" href="/assets/codemirror/lib/codemirror.css">"#))
        // A page without code stays light.
        let about = try fixture.read("about/index.html")
        #expect(!about.contains("codemirror"))
        // Every page has the search box (hidden until its script runs) and loads its module.
        #expect(about.contains(#"<div class="site-search" data-index-url="/search-index.json" hidden>"#))
        #expect(about.contains(#"<input id="site-search-input""#))
        #expect(about.contains(try assetLink(in: about, named: "search")))
    }

    @Test func searchIndexFindsCommandsLessonsAndTemplatesAndStaysSmall() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let text = try fixture.read("search-index.json")
        let index = try JSONDecoder().decode(SearchIndexFixture.self, from: Data(text.utf8))
        #expect(index.version == 1)
        func entry(_ title: String) -> SearchEntryFixture? { index.entries.first { $0.title == title } }
        #expect(entry("SET")?.kind == "command")
        #expect(entry("SET")?.url == "/commands/set/")
        #expect(entry("SET")?.summary == "Stores a string under a key.")
        #expect(entry("SET")?.context == "Strings")
        #expect(entry("Bind a port")?.kind == "lesson")
        #expect(entry("Bind a port")?.context == "Demo course")
        #expect(entry("Bind a port")?.headings == [["Results", "results-1"]])
        #expect(entry("Demo course")?.kind == "course")
        #expect(entry("Cache-aside")?.kind == "template")
        #expect(entry("Guide")?.headings == [["Try it", "try-it"]])
        // Titles, summaries and headings only: no bodies, no code.
        #expect(!text.contains("SECRET_") && !text.contains("greeting hello") && !text.contains("Pick one"))
        // Small against the pages it indexes.
        let html = try fixture.outputFiles().filter { $0.hasSuffix(".html") }.reduce(0) { total, path in
            total + (try fixture.read(path).utf8.count)
        }
        #expect(text.utf8.count * 20 < html, "index \(text.utf8.count) bytes vs HTML \(html) bytes")
        #expect(text.utf8.count / index.entries.count < 300)
    }

    @Test func headingIDsInTheIndexMatchThePages() async throws {
        let fixture = try referenceFixture()
        defer { fixture.delete() }
        try await buildWithCommand(fixture)
        let index = try JSONDecoder().decode(
            SearchIndexFixture.self, from: Data(try fixture.read("search-index.json").utf8))
        let withHeadings = index.entries.filter { !($0.headings ?? []).isEmpty }
        try #require(!withHeadings.isEmpty, "some indexed pages have headings")
        for entry in withHeadings {
            let page = try fixture.read(outputPath(for: entry.url))
            for heading in entry.headings ?? [] {
                #expect(page.contains(#"id="\#(heading[1])">\#(heading[0])<"#), "\(entry.url) lacks #\(heading[1])")
            }
        }
    }
}

struct PlaygroundTemplateFixture: Decodable {
    var title: String
    var language: String
    var valkey: String
    var mainFile: String
    var url: String
}

struct SearchIndexFixture: Decodable {
    var version: Int
    var entries: [SearchEntryFixture]
}

struct SearchEntryFixture: Decodable {
    var kind: String
    var title: String
    var url: String
    var summary: String
    var context: String?
    var headings: [[String]]?
}
