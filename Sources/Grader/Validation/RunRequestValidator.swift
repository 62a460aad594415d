import Content
import Foundation
import Sandbox

/// Turns a request body into a `Submission`, or an `APIError` naming the field and the allowed values.
struct RunRequestValidator: Sendable {
    static let fields = ["lesson", "language", "code", "files", "mode", "valkey"]
    /// A request is an object of strings and one object of strings: two levels. Deeper bodies
    /// are refused before parsing, so that no body can make the parser recurse for long.
    static let maxDepth = 8

    var site: Site

    func validate(_ body: Data) throws(APIError) -> Submission {
        guard Self.nestingDepth(body) <= Self.maxDepth else {
            throw .malformed("The request body is nested more than \(Self.maxDepth) levels deep; a run request is an object of strings.")
        }
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw .malformed("The request body is not valid JSON. Send an object such as {\"language\": \"python\", \"code\": \"…\"}.")
        }
        guard case .object(let object) = root else {
            throw .malformed("The request body must be a JSON object, not \(root.typeName).")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw .invalidField(
                unknown, "Unknown field '\(unknown)'. Allowed fields: \(Self.fields.joined(separator: ", ")).",
                allowed: Self.fields)
        }

        let lesson = try lesson(object["lesson"])
        let mode = try mode(object["mode"], hasLesson: lesson != nil)
        let language = try language(object["language"], lesson: lesson)
        let files = try files(code: object["code"], files: object["files"], language: language)
        let valkey = try valkey(object["valkey"], language: language, lesson: lesson)
        return Submission(language: language, files: files, mode: mode, valkey: valkey, lesson: lesson)
    }

    private func string(_ value: JSONValue, field: String) throws(APIError) -> String {
        guard let string = value.stringValue else {
            throw .invalidField(field, "Field '\(field)' must be a string, not \(value.typeName).")
        }
        return string
    }

    private func lesson(_ value: JSONValue?) throws(APIError) -> (course: Course, step: Step)? {
        guard let value, value != .null else { return nil }
        let id = try string(value, field: "lesson")
        guard let found = site.lesson(id) else { throw .unknownLesson(id) }
        return found
    }

    private func mode(_ value: JSONValue?, hasLesson: Bool) throws(APIError) -> Submission.Mode {
        let allowed = Submission.Mode.allCases.map(\.rawValue)
        guard let value, value != .null else { return hasLesson ? .test : .run }
        let raw = try string(value, field: "mode")
        guard let mode = Submission.Mode(rawValue: raw) else {
            throw .invalidField("mode", "Unknown mode '\(raw)'. Allowed: \(allowed.joined(separator: ", ")).", allowed: allowed)
        }
        if mode == .test, !hasLesson {
            throw .missingField("lesson", "Test mode needs a 'lesson' (such as 'build-your-own-valkey/02-ping'); use mode 'run' for playground code.")
        }
        if mode == .run, hasLesson {
            throw .invalidField("lesson", "Run mode takes no 'lesson': it runs playground code as it is. Use mode 'test' to grade a lesson.")
        }
        return mode
    }

    private func language(_ value: JSONValue?, lesson: (course: Course, step: Step)?) throws(APIError) -> Language {
        let candidates = lesson?.course.languages ?? Language.all
        let allowed = candidates.map(\.id)
        guard let value, value != .null else {
            throw .missingField("language", "Field 'language' is required. Allowed: \(allowed.joined(separator: ", ")).", allowed: allowed)
        }
        let raw = try string(value, field: "language")
        guard let language = candidates.first(where: { $0.id == raw }) else {
            let context = lesson.map { " for lesson '\($0.step.lessonID)'" } ?? ""
            throw .invalidField(
                "language", "Unknown language '\(raw)'\(context). Allowed: \(allowed.joined(separator: ", ")).", allowed: allowed)
        }
        return language
    }

    private func files(code: JSONValue?, files: JSONValue?, language: Language) throws(APIError) -> [SourceFile] {
        switch (code, files) {
        case (nil, nil), (.null?, nil), (nil, .null?), (.null?, .null?):
            throw .missingField("code", "Send the program as 'code' (a string) or 'files' (an object of file name to contents).")
        case (let code?, nil), (let code?, .null?):
            return [SourceFile(name: language.mainFile, contents: try string(code, field: "code"))]
        case (nil, let files?), (.null?, let files?):
            guard case .object(let object) = files else {
                throw .invalidField("files", "Field 'files' must be an object of file name to contents, not \(files.typeName).")
            }
            guard !object.isEmpty, object.count <= SubmissionRules.maxFiles else {
                throw .invalidField("files", "Field 'files' must hold 1 to \(SubmissionRules.maxFiles) files; it has \(object.count).")
            }
            guard object[language.mainFile] != nil else {
                throw .invalidField("files", "Field 'files' must include '\(language.mainFile)', the file \(language.name) programs start from.")
            }
            var result: [SourceFile] = []
            for name in object.keys.sorted() {
                guard SubmissionRules.isValidFileName(name) else {
                    throw .invalidField(
                        "files", "File name '\(name)' is not allowed: use \(SubmissionRules.fileNameRule).")
                }
                result.append(SourceFile(name: name, contents: try string(object[name]!, field: "files.\(name)")))
            }
            return result
        case (_?, _?):
            throw .invalidField("files", "Send either 'code' or 'files', not both.")
        }
    }

    private func valkey(_ value: JSONValue?, language: Language, lesson: (course: Course, step: Step)?) throws(APIError) -> ValkeyMode {
        let allowed = ValkeyMode.allCases.map(\.rawValue)
        guard let value, value != .null else {
            return lesson?.step.valkey ?? language.defaultServer
        }
        let raw = try string(value, field: "valkey")
        guard let mode = ValkeyMode(rawValue: raw) else {
            throw .invalidField("valkey", "Unknown Valkey mode '\(raw)'. Allowed: \(allowed.joined(separator: ", ")).", allowed: allowed)
        }
        if language.needsServer, mode == .none {
            throw .invalidField(
                "valkey", "Language '\(language.id)' sends commands to a server: use 'standalone' or 'cluster'.",
                allowed: ["standalone", "cluster"])
        }
        if let lesson, mode != lesson.step.valkey {
            throw .invalidField(
                "valkey", "Lesson '\(lesson.step.lessonID)' runs with valkey '\(lesson.step.valkey.rawValue)'; omit the field.",
                allowed: [lesson.step.valkey.rawValue])
        }
        return mode
    }

    /// How deeply arrays and objects nest in `body` (brackets inside strings do not count).
    static func nestingDepth(_ body: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
