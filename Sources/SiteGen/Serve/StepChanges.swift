import Foundation

/// Which steps a change calls for verifying again in `sitegen serve`: a step whose `test.py`
/// changed (every language), or whose solution in one language changed (that language).
enum StepChanges {
    /// A step to verify, in one language or in all of its course's.
    struct Target: Hashable, Sendable, CustomStringConvertible {
        var course: String
        var step: String
        var language: String?

        var description: String { "\(course)/\(step)" + (language.map { " (\($0))" } ?? "") }
    }

    /// The targets among `changed` (absolute paths) below `contentDirectory`, in path order.
    static func targets(_ changed: [String], contentDirectory: URL) -> [Target] {
        let courses = contentDirectory.standardizedFileURL.appendingPathComponent("courses").path + "/"
        var targets: [Target] = []
        for path in changed where path.hasPrefix(courses) {
            let parts = path.dropFirst(courses.count).split(separator: "/").map(String.init)
            guard parts.count >= 3 else { continue }
            let target: Target
            if parts.count == 3, parts[2] == "test.py" {
                target = Target(course: parts[0], step: parts[1], language: nil)
            } else if parts.count >= 5, parts[2] == "solution" {
                target = Target(course: parts[0], step: parts[1], language: parts[3])
            } else {
                continue
            }
            targets.append(target)
        }
        // A step verified in all languages needs no run for one of them too.
        let whole = Set(targets.filter { $0.language == nil }.map { "\($0.course)/\($0.step)" })
        var seen = Set<Target>()
        return targets.filter { target in
            if target.language != nil, whole.contains("\(target.course)/\(target.step)") { return false }
            return seen.insert(target).inserted
        }
    }
}
