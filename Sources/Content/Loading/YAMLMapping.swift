import Foundation
import Yams

/// A YAML mapping from a content file, read field by field; each problem is reported with the file's line number.
struct YAMLMapping {
    let mapping: Node.Mapping
    let file: String
    /// Added to a Yams line (1 = first line of the YAML text) to get the line in the file.
    let lineOffset: Int
    /// Where the mapping starts in the file: the line blamed for a missing field.
    let line: Int

    /// A definition file (`site.yml`, `course.yml`, `template.yml`): `nil` (reported, with
    /// `advice` on what to write) when it is missing; else its mapping, with unknown keys
    /// reported, or `.some(nil)` when it does not parse (reported too).
    static func load(
        _ url: URL, as file: String, advice: String, allowedKeys: [String], issues: inout ContentIssues
    ) -> YAMLMapping?? {
        guard let text = FileSystem.text(at: url) else {
            issues.report(SourceLocation(file: file), "missing \(url.lastPathComponent); \(advice)")
            return nil
        }
        let fields = parse(text, file: file, firstLine: 1, issues: &issues)
        fields?.checkKeys(allowed: allowedKeys, issues: &issues)
        return .some(fields)
    }

    /// Parses `yaml`, which starts at line `firstLine` of `file`; reports syntax errors and returns `nil` for them.
    static func parse(_ yaml: String, file: String, firstLine: Int, issues: inout ContentIssues) -> YAMLMapping? {
        let lineOffset = firstLine - 1
        let root: Node?
        do {
            // An explicit encoding: Yams' default reads the whole process environment on every parse.
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            let (line, message) = describe(error, lineOffset: lineOffset)
            issues.report(SourceLocation(file: file, line: line), "invalid YAML: \(message)")
            return nil
        } catch {
            issues.report(SourceLocation(file: file, line: firstLine), "invalid YAML: \(error)")
            return nil
        }
        guard let root else {
            // An empty document is an empty mapping: the missing required fields are then reported one by one.
            return YAMLMapping(mapping: Node.Mapping([]), file: file, lineOffset: lineOffset, line: firstLine)
        }
        guard let mapping = root.mapping else {
            let line = (root.mark?.line).map { $0 + lineOffset } ?? firstLine
            issues.report(
                SourceLocation(file: file, line: line),
                "expected 'key: value' lines, found \(describeKind(of: root))")
            return nil
        }
        return YAMLMapping(
            mapping: mapping, file: file, lineOffset: lineOffset, line: (mapping.mark?.line ?? 1) + lineOffset)
    }

    /// A nested mapping (e.g. one entry of a list), reporting where it is when it is something else.
    func mapping(_ node: Node, field: String, issues: inout ContentIssues) -> YAMLMapping? {
        guard let nested = node.mapping else {
            issues.report(
                location(of: node), field: field, "expected 'key: value' lines, found \(Self.describeKind(of: node))")
            return nil
        }
        return YAMLMapping(mapping: nested, file: file, lineOffset: lineOffset, line: location(of: node).line ?? line)
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: (node.mark?.line).map { $0 + lineOffset } ?? line)
    }

    var startLocation: SourceLocation { SourceLocation(file: file, line: line) }

    /// The plain scalars YAML 1.1 reads as null (Yams' `Resolver.Rule.null`).
    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    func value(_ key: String) -> Node? {
        // Compared as text: `mapping[key]` compares whole nodes, tags included, which runs the resolver too.
        guard let node = mapping.first(where: { $0.key.scalar?.string == key })?.value else { return nil }
        // `key:` with nothing after it reads as null; treat it like a missing field rather than the text "null".
        // A plain scalar is null exactly when it is one of YAML's null words; asking for `node.tag` would run every
        // regular expression of Yams' resolver, on every field of every page.
        if let scalar = node.scalar, scalar.style == .plain {
            return Self.nullWords.contains(scalar.string) ? nil : node
        }
        if node.tag.rawValue == Tag.Name.null.rawValue { return nil }
        return node
    }

    // MARK: Checks

    /// Reports every key not in `allowed`, naming the allowed ones and the closest match.
    func checkKeys(allowed: [String], issues: inout ContentIssues) {
        for key in mapping.keys {
            guard let name = key.scalar?.string else {
                issues.report(
                    location(of: key), "keys must be plain names; allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            guard !allowed.contains(name) else { continue }
            var message = "unknown key; allowed keys: \(allowed.joined(separator: ", "))"
            message += Spelling.suggestion(for: name, among: allowed)
            issues.report(location(of: key), field: name, message)
        }
    }

    // MARK: Typed fields

    /// A text field. Numbers and booleans are accepted as their text (`title: 2048` is a fine title).
    func text(_ key: String, required: Bool, issues: inout ContentIssues) -> String? {
        guard let node = value(key) else {
            if required { issues.report(startLocation, field: key, "missing; add '\(key): …' (text)") }
            return nil
        }
        guard let scalar = node.scalar else {
            issues.report(location(of: node), field: key, "must be text, found \(Self.describeKind(of: node))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty {
            issues.report(location(of: node), field: key, "must not be empty")
            return nil
        }
        return text
    }

    /// A whole number within `range`.
    func integer(_ key: String, in range: ClosedRange<Int>, issues: inout ContentIssues) -> Int? {
        guard let node = value(key) else { return nil }
        guard node.tag.rawValue == Tag.Name.int.rawValue, let number = node.int else {
            issues.report(
                location(of: node), field: key,
                "must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.describeValue(node))"
            )
            return nil
        }
        guard range.contains(number) else {
            issues.report(
                location(of: node), field: key,
                "must be from \(range.lowerBound) to \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    /// One of a fixed set of words, such as `valkey: none|standalone|cluster`.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, issues: inout ContentIssues) -> Value?
    where Value.RawValue == String {
        guard let node = value(key) else { return nil }
        let allowed = Value.allCases.map(\.rawValue)
        guard let word = node.scalar?.string, let value = Value(rawValue: word) else {
            issues.report(location(of: node), field: key, Self.notOneOf(allowed, found: node))
            return nil
        }
        return value
    }

    /// "must be one of a, b, found 'c' (did you mean 'b'?)": what an enumerated field says when
    /// its value is none of the allowed ones.
    static func notOneOf(_ allowed: [String], found node: Node) -> String {
        "must be one of \(allowed.joined(separator: ", ")), found \(describeValue(node))"
            + (node.scalar.map { Spelling.suggestion(for: $0.string, among: allowed) } ?? "")
    }

    /// A list; `nil` (after reporting) when the field holds something else.
    func list(_ key: String, required: Bool, issues: inout ContentIssues) -> [Node]? {
        guard let node = value(key) else {
            if required { issues.report(startLocation, field: key, "missing; add '\(key): [ … ]' (a list)") }
            return nil
        }
        guard let sequence = node.sequence else {
            issues.report(location(of: node), field: key, "must be a list, found \(Self.describeKind(of: node))")
            return nil
        }
        return Array(sequence)
    }

    /// `true` or `false`; absent means `false`.
    func boolean(_ key: String, field: String? = nil, issues: inout ContentIssues) -> Bool {
        guard let node = value(key) else { return false }
        guard node.tag.rawValue == Tag.Name.bool.rawValue, let flag = node.bool else {
            issues.report(
                location(of: node), field: field ?? key, "must be true or false, found \(Self.describeValue(node))")
            return false
        }
        return flag
    }

    /// A list of words or sentences (`tags: [cache, ttl]`); `nil` when absent or not a list (reported).
    func textList(_ key: String, required: Bool, field: String? = nil, issues: inout ContentIssues) -> [String]? {
        guard let entries = list(key, required: required, issues: &issues) else { return nil }
        var texts: [String] = []
        for entry in entries {
            guard let scalar = entry.scalar, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                issues.report(
                    location(of: entry), field: field ?? key,
                    "entries must be text, found \(Self.describeKind(of: entry))")
                continue
            }
            texts.append(scalar.string.trimmingCharacters(in: .whitespaces))
        }
        return texts
    }

    // MARK: Describing problems

    static func describeKind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping (key: value lines)"
        case .sequence: "a list"
        case .scalar, .alias: "'\(node.scalar?.string ?? "")'"
        }
    }

    static func describeValue(_ node: Node) -> String {
        node.scalar.map { "'\($0.string)'" } ?? describeKind(of: node)
    }

    /// The file line and a readable message for a Yams error; Yams counts lines from the YAML's first line.
    static func describe(_ error: YamlError, lineOffset: Int) -> (line: Int?, message: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let context = context.map { " (\($0.text) at line \($0.mark.line + lineOffset))" } ?? ""
            return (mark.line + lineOffset, problem + context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark.line + lineOffset, "key \(names) appears more than once")
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }
}
