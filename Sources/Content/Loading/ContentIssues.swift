/// The problems found so far while loading content; loaders keep going after each one so authors see them all.
struct ContentIssues: Sendable {
    private(set) var errors: [ContentError] = []

    var isEmpty: Bool { errors.isEmpty }

    mutating func report(_ location: SourceLocation, field: String? = nil, _ message: String) {
        errors.append(ContentError(location, field: field, message))
    }

    mutating func append(contentsOf other: ContentIssues) {
        errors.append(contentsOf: other.errors)
    }
}
