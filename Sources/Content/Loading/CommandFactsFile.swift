import Foundation

/// `content/commands/facts.json`: what the bundled `valkey-server` answers to `COMMAND DOCS` and `COMMAND INFO`
/// for every command and subcommand, written by `scripts/import_commands.py` and never edited by hand.
/// A problem is reported at the command's line in the file, with the field.
struct CommandFactsFile {
    static let name = "facts.json"
    static let formatVersion = 1
    static let importCommand = ".venv/bin/python scripts/import_commands.py"

    let url: URL
    let paths: ContentPaths

    /// Every command of the file, without prose; `nil` (reported) when the file cannot be read at all.
    func load(issues: inout ContentIssues) -> [ValkeyCommand]? {
        let file = paths.display(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            issues.report(
                SourceLocation(file: file),
                "missing: every command's facts come from the server; create the file with `\(Self.importCommand)`")
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = Self.commandLines(in: text)
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            let (command, field, message) = Self.describe(error)
            issues.report(
                SourceLocation(file: file, line: command.flatMap { lines[$0] } ?? 1), field: field,
                message + "; the file is generated: run `\(Self.importCommand)` again rather than editing it")
            return nil
        }
        guard document.format == Self.formatVersion else {
            issues.report(
                SourceLocation(file: file, line: 2), field: "format",
                "is \(document.format), this sitegen reads format \(Self.formatVersion); run `\(Self.importCommand)`")
            return nil
        }
        var commands: [ValkeyCommand] = []
        for (name, entry) in document.commands {
            let location = SourceLocation(file: file, line: lines[name] ?? 1)
            if let command = command(name, entry, known: document.commands, at: location, issues: &issues) {
                commands.append(command)
            }
        }
        return commands
    }

    private func command(
        _ name: String, _ entry: Entry, known: [String: Entry], at location: SourceLocation,
        issues: inout ContentIssues
    ) -> ValkeyCommand? {
        var valid = true
        let group = CommandGroup(rawValue: entry.group)
        if group == nil {
            let allowed = CommandGroup.allCases.map(\.rawValue)
            issues.report(
                location, field: "\(name).group",
                "'\(entry.group)' is not a group the reference knows (\(allowed.joined(separator: ", ")))"
                    + Spelling.suggestion(for: entry.group, among: allowed)
                    + "; add it to CommandGroup in Sources/Content/ValkeyCommand.swift")
            valid = false
        }
        if let container = entry.container, known[container] == nil {
            issues.report(location, field: "\(name).container", "names '\(container)', which the file does not have")
            valid = false
        }
        let arguments = (entry.arguments ?? []).enumerated().compactMap { index, argument in
            self.argument(argument, path: "\(name).arguments[\(index)]", at: location, valid: &valid, issues: &issues)
        }
        guard valid, let group else { return nil }
        return ValkeyCommand(
            name: name, container: entry.container, group: group, since: entry.since, complexity: entry.complexity,
            arity: entry.arity, aclCategories: entry.aclCategories, flags: entry.flags ?? [], summary: entry.summary,
            arguments: arguments,
            history: (entry.history ?? []).map { ValkeyCommand.Change(version: $0.first ?? "", change: $0.last ?? "") },
            deprecatedSince: entry.deprecatedSince, replacedBy: entry.replacedBy, docFlags: entry.docFlags ?? [],
            source: location)
    }

    private func argument(
        _ entry: ArgumentEntry, path: String, at location: SourceLocation, valid: inout Bool,
        issues: inout ContentIssues
    ) -> ValkeyCommand.Argument? {
        guard let type = ValkeyCommand.ArgumentType(rawValue: entry.type) else {
            let allowed = ValkeyCommand.ArgumentType.allCases.map(\.rawValue)
            issues.report(
                location, field: "\(path).type",
                "'\(entry.type)' is not an argument type the usage line knows (\(allowed.joined(separator: ", ")))")
            valid = false
            return nil
        }
        let children = (entry.arguments ?? []).enumerated().compactMap { index, child in
            argument(child, path: "\(path).arguments[\(index)]", at: location, valid: &valid, issues: &issues)
        }
        return ValkeyCommand.Argument(
            name: entry.name, type: type, token: entry.token, optional: entry.optional ?? false,
            multiple: entry.multiple ?? false, multipleToken: entry.multipleToken ?? false, display: entry.display,
            arguments: children)
    }

    // MARK: Where each command is

    /// The line of each command's entry: the importer writes them as `    "NAME": {` lines.
    static func commandLines(in text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard line.hasPrefix("    \""), line.hasSuffix("\": {") else { continue }
            lines[String(line.dropFirst(5).dropLast(4))] = number
        }
        return lines
    }

    /// The command and field a decoding error is about, and what is wrong, in words.
    static func describe(_ error: any Error) -> (command: String?, field: String?, message: String) {
        guard let error = error as? DecodingError else { return (nil, nil, "not valid JSON: \(error)") }
        let path: [any CodingKey]
        let message: String
        switch error {
        case .typeMismatch(let type, let context):
            (path, message) = (context.codingPath, "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            (path, message) = (context.codingPath, "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            (path, message) = (context.codingPath + [key], "missing")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { "\($0)" } ?? context.debugDescription
            (path, message) = (context.codingPath, "not valid JSON: \(underlying)")
        @unknown default:
            return (nil, nil, "\(error)")
        }
        let keys = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        guard keys.first == "commands", keys.count > 1 else {
            return (nil, keys.isEmpty ? nil : keys.joined(separator: "."), message)
        }
        let field = keys.dropFirst().reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
        return (keys[1], field, message)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }

    // MARK: The file's shape

    struct Document: Decodable {
        var format: Int
        var server: String
        var commands: [String: Entry]
    }

    struct Entry: Decodable {
        var container: String?
        var group: String
        var since: String
        var complexity: String
        var summary: String
        var arity: Int
        var aclCategories: [String]
        var flags: [String]?
        var deprecatedSince: String?
        var replacedBy: String?
        var docFlags: [String]?
        var history: [[String]]?
        var arguments: [ArgumentEntry]?

        enum CodingKeys: String, CodingKey {
            case container, group, since, complexity, summary, arity, flags, history, arguments
            case aclCategories = "acl_categories"
            case deprecatedSince = "deprecated_since"
            case replacedBy = "replaced_by"
            case docFlags = "doc_flags"
        }
    }

    struct ArgumentEntry: Decodable {
        var name: String
        var type: String
        var display: String?
        var token: String?
        var optional: Bool?
        var multiple: Bool?
        var multipleToken: Bool?
        var arguments: [ArgumentEntry]?

        enum CodingKeys: String, CodingKey {
            case name, type, display, token, optional, multiple, arguments
            case multipleToken = "multiple_token"
        }
    }
}
