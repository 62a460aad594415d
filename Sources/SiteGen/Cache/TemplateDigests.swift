import Foundation

/// A digest per theme template covering its own text and every partial and parent it uses, transitively:
/// editing `partials/header` changes the digest of every template that includes it, and editing `step`
/// changes only `step`'s.
struct TemplateDigests: Sendable {
    /// Template name (`step`, `partials/header`) → digest.
    var digests: [String: ContentDigest]

    init(templatesDirectory: URL) {
        var sources: [String: String] = [:]
        let root = templatesDirectory.standardizedFileURL.path
        for (path, _) in FileStamps.scan([templatesDirectory]).stamps where path.hasSuffix(".mustache") {
            let name = String(path.dropFirst(root.count + 1).dropLast(".mustache".count))
            sources[name] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        var uses: [String: Set<String>] = [:]
        // `{{> partial}}` and `{{< parent}}` (also with the spacing and the `$` forms authors use).
        let reference = /\{\{\s*[<>]\s*([A-Za-z0-9_\/.\-]+)\s*\}\}/
        for (name, text) in sources {
            uses[name] = Set(text.matches(of: reference).map { String($0.1) }.filter { sources[$0] != nil })
        }
        var digests: [String: ContentDigest] = [:]
        for name in sources.keys {
            var seen: Set<String> = []
            var pending = [name]
            while let next = pending.popLast() {
                guard seen.insert(next).inserted else { continue }
                pending += uses[next] ?? []
            }
            var digest = ContentDigest()
            for used in seen.sorted() {
                digest.combine(used)
                digest.combine(sources[used] ?? "")
            }
            digests[name] = digest
        }
        self.digests = digests
    }

    func digest(of name: String) -> ContentDigest {
        digests[name] ?? ContentDigest()
    }
}
