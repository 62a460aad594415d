import Foundation
import Yams

/// Reads the command reference: `content/commands/<NAME>.md`, facts in the front matter, description in the body.
struct CommandLoader {
    let paths: ContentPaths

    static let allowedKeys = [
        "name", "group", "since", "complexity", "arity", "acl_categories", "summary", "arguments",
    ]
    static let argumentKeys = [
        "name", "type", "token", "optional", "multiple", "multiple_token", "display", "arguments",
    ]
    static let arityRange = -64...64

    func load(issues: inout ContentIssues) -> [ValkeyCommand] {
        let folder = paths.root.appendingPathComponent("commands")
        guard FileSystem.isDirectory(folder) else { return [] }
        let commands = FileSystem.entries(of: folder).compactMap { url -> ValkeyCommand? in
            guard FileSystem.isFile(url) else { return nil }
            guard url.pathExtension == "md" else {
                issues.report(paths.location(url), "the commands folder holds only <NAME>.md files, such as SET.md")
                return nil
            }
            return loadCommand(url, issues: &issues)
        }
        return commands.sorted { $0.name < $1.name }
    }

    /// `SET`, `CLUSTER-SLOTS`: capitals and digits in words joined by `-`.
    static func isValidFileName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("-"), !name.hasSuffix("-"), !name.contains("--") else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" }
    }

    private func loadCommand(_ url: URL, issues: inout ContentIssues) -> ValkeyCommand? {
        let fileName = url.deletingPathExtension().lastPathComponent
        let fileNameIsValid = Self.isValidFileName(fileName)
        if !fileNameIsValid {
            issues.report(
                paths.location(url),
                "command file names are the command in capitals, with '-' between the words of a subcommand "
                    + "(like SET.md or CLUSTER-SLOTS.md); rename '\(url.lastPathComponent)'")
        }
        guard let document = MarkdownDocument.read(url, paths: paths, issues: &issues), let fields = document.fields
        else { return nil }
        fields.checkKeys(allowed: Self.allowedKeys, issues: &issues)

        let name = commandName(fields, fileName: fileName, issues: &issues)
        let group: CommandGroup? = required(fields.choice("group", issues: &issues), "group", in: fields, &issues)
        let since = version(fields, issues: &issues)
        let complexity = fields.text("complexity", required: true, issues: &issues)
        let arity = arity(fields, issues: &issues)
        let categories = aclCategories(fields, issues: &issues)
        let summary = fields.text("summary", required: true, issues: &issues)
        let arguments = fields.list("arguments", required: false, issues: &issues).map {
            self.arguments($0, in: fields, path: "arguments", issues: &issues)
        }
        CodeFenceChecker.check(document.body, body: document.bodyLocation, issues: &issues)

        guard fileNameIsValid, let name, let group, let since, let complexity, let arity, let categories, let summary
        else { return nil }
        return ValkeyCommand(
            name: name, slug: fileName.lowercased(), group: group, since: since, complexity: complexity, arity: arity,
            aclCategories: categories, summary: summary, arguments: arguments ?? [], markdown: document.body,
            source: document.bodyLocation)
    }

    /// A required field that `choice` (which treats absence as "use the default") left empty.
    private func required<Value: RawRepresentable & CaseIterable>(
        _ value: Value?, _ key: String, in fields: YAMLMapping, _ issues: inout ContentIssues
    ) -> Value? where Value.RawValue == String {
        if value == nil, fields.value(key) == nil {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            issues.report(fields.startLocation, field: key, "missing; add '\(key): …', one of \(allowed)")
        }
        return value
    }

    /// The command's name: `name` if given (it must match the file), else the file name with `-` as spaces.
    private func commandName(_ fields: YAMLMapping, fileName: String, issues: inout ContentIssues) -> String? {
        let derived = fileName.replacingOccurrences(of: "-", with: " ")
        guard let written = fields.text("name", required: false, issues: &issues) else { return derived }
        let name = written.uppercased()
        guard name.replacingOccurrences(of: " ", with: "-") == fileName else {
            issues.report(
                fields.location(of: fields.value("name")!), field: "name",
                "'\(written)' does not match the file name \(fileName).md; the file of '\(name)' is "
                    + "\(name.replacingOccurrences(of: " ", with: "-")).md")
            return nil
        }
        return name
    }

    private func version(_ fields: YAMLMapping, issues: inout ContentIssues) -> String? {
        guard let since = fields.text("since", required: true, issues: &issues) else { return nil }
        let parts = since.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            issues.report(
                fields.location(of: fields.value("since")!), field: "since",
                "must be a version such as 1.0.0 or 7.2.0, found '\(since)'")
            return nil
        }
        return since
    }

    private func arity(_ fields: YAMLMapping, issues: inout ContentIssues) -> Int? {
        guard fields.value("arity") != nil else {
            issues.report(
                fields.startLocation, field: "arity",
                "missing; add 'arity: N' (words in a call, the command included; -N for at least N)")
            return nil
        }
        guard let arity = fields.integer("arity", in: Self.arityRange, issues: &issues) else { return nil }
        guard arity != 0 else {
            issues.report(
                fields.location(of: fields.value("arity")!), field: "arity",
                "must not be 0: write N for exactly N words (the command included) or -N for at least N")
            return nil
        }
        return arity
    }

    private func aclCategories(_ fields: YAMLMapping, issues: inout ContentIssues) -> [String]? {
        guard let entries = fields.list("acl_categories", required: true, issues: &issues) else { return nil }
        var categories: [String] = []
        for entry in entries {
            let word = (entry.scalar?.string ?? "").lowercased()
            let category = word.hasPrefix("@") ? String(word.dropFirst()) : word
            guard ValkeyCommand.aclCategories.contains(category) else {
                var message =
                    "unknown ACL category \(YAMLMapping.describeValue(entry)); allowed: "
                    + ValkeyCommand.aclCategories.joined(separator: ", ")
                message += Spelling.suggestion(for: category, among: ValkeyCommand.aclCategories)
                fields.report(entry, field: "acl_categories", message, issues: &issues)
                continue
            }
            if !categories.contains(category) { categories.append(category) }
        }
        if entries.isEmpty {
            issues.report(
                fields.location(of: fields.value("acl_categories")!), field: "acl_categories",
                "must name at least one category, such as [read, string, fast]")
        }
        return categories
    }

    // MARK: The arguments tree

    private func arguments(
        _ nodes: [Node], in fields: YAMLMapping, path: String, issues: inout ContentIssues
    ) -> [ValkeyCommand.Argument] {
        nodes.enumerated().compactMap { index, node in
            argument(node, in: fields, path: "\(path)[\(index)]", issues: &issues)
        }
    }

    private func argument(
        _ node: Node, in fields: YAMLMapping, path: String, issues: inout ContentIssues
    ) -> ValkeyCommand.Argument? {
        guard let entry = fields.mapping(node, field: path, issues: &issues) else { return nil }
        for key in entry.mapping.keys {
            guard let name = key.scalar?.string, !Self.argumentKeys.contains(name) else { continue }
            var message = "unknown key; an argument has: \(Self.argumentKeys.joined(separator: ", "))"
            message += Spelling.suggestion(for: name, among: Self.argumentKeys)
            issues.report(entry.location(of: key), field: "\(path).\(name)", message)
        }
        let name = field(entry, "name", path: path, required: true, issues: &issues)
        let type = argumentType(entry, path: path, issues: &issues)
        let token = field(entry, "token", path: path, required: false, issues: &issues)
        let display = field(entry, "display", path: path, required: false, issues: &issues)
        let optional = entry.boolean("optional", field: "\(path).optional", issues: &issues)
        let multiple = entry.boolean("multiple", field: "\(path).multiple", issues: &issues)
        let multipleToken = entry.boolean("multiple_token", field: "\(path).multiple_token", issues: &issues)

        var children: [ValkeyCommand.Argument] = []
        if let childNodes = entry.value("arguments") {
            if let sequence = childNodes.sequence {
                children = arguments(Array(sequence), in: fields, path: "\(path).arguments", issues: &issues)
            } else {
                issues.report(
                    entry.location(of: childNodes), field: "\(path).arguments",
                    "must be a list of arguments, found \(YAMLMapping.describeKind(of: childNodes))")
            }
        }
        if let type {
            checkShape(
                type: type, token: token, children: childNodes(entry), multiple: multiple,
                multipleToken: multipleToken, entry: entry, path: path, issues: &issues)
        }
        guard let name, let type else { return nil }
        return ValkeyCommand.Argument(
            name: name, type: type, token: token, optional: optional, multiple: multiple,
            multipleToken: multipleToken, display: display, arguments: children)
    }

    private func childNodes(_ entry: YAMLMapping) -> Int? {
        entry.value("arguments")?.sequence?.count
    }

    /// The rules that tie the fields together: groups have children, tokens have words.
    private func checkShape(
        type: ValkeyCommand.ArgumentType, token: String?, children: Int?, multiple: Bool, multipleToken: Bool,
        entry: YAMLMapping, path: String, issues: inout ContentIssues
    ) {
        let here = entry.startLocation
        if type.isGroup {
            let minimum = type == .oneof ? 2 : 1
            if (children ?? 0) < minimum {
                let what = type == .oneof ? "at least two alternatives" : "at least one argument"
                issues.report(here, field: "\(path).arguments", "a '\(type.rawValue)' needs \(what) in 'arguments'")
            }
        } else if children != nil {
            issues.report(
                here, field: "\(path).arguments",
                "only 'oneof' and 'block' arguments have nested 'arguments'; this one is '\(type.rawValue)'")
        }
        if type == .pureToken, token == nil {
            issues.report(here, field: "\(path).token", "a 'pure-token' argument needs its word in 'token', like NX")
        }
        if multipleToken, token == nil || !multiple {
            issues.report(
                here, field: "\(path).multiple_token",
                "'multiple_token: true' repeats the token, so it needs 'token' and 'multiple: true'")
        }
    }

    private func field(
        _ entry: YAMLMapping, _ key: String, path: String, required: Bool, issues: inout ContentIssues
    ) -> String? {
        guard let node = entry.value(key) else {
            if required { issues.report(entry.startLocation, field: "\(path).\(key)", "missing; add '\(key): …'") }
            return nil
        }
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            issues.report(
                entry.location(of: node), field: "\(path).\(key)",
                "must be text, found \(YAMLMapping.describeKind(of: node))")
            return nil
        }
        return text
    }

    private func argumentType(
        _ entry: YAMLMapping, path: String, issues: inout ContentIssues
    ) -> ValkeyCommand.ArgumentType? {
        let allowed = ValkeyCommand.ArgumentType.allCases.map(\.rawValue)
        guard let node = entry.value("type") else {
            issues.report(
                entry.startLocation, field: "\(path).type",
                "missing; add 'type: …', one of \(allowed.joined(separator: ", "))")
            return nil
        }
        guard let word = node.scalar?.string, let type = ValkeyCommand.ArgumentType(rawValue: word) else {
            issues.report(entry.location(of: node), field: "\(path).type", YAMLMapping.notOneOf(allowed, found: node))
            return nil
        }
        return type
    }
}

extension YAMLMapping {
    fileprivate func report(_ node: Node, field: String, _ message: String, issues: inout ContentIssues) {
        issues.report(location(of: node), field: field, message)
    }
}
