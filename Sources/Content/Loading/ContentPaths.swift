import Foundation

/// Names content files the way an author sees them from the project root, e.g. `content/courses/x/01-bind/step.md`.
struct ContentPaths: Sendable {
    let root: URL
    private let rootComponents: [String]
    private let displayRoot: String

    init(root: URL) {
        self.root = root.standardizedFileURL
        rootComponents = self.root.pathComponents
        // Relative to the content folder's parent, because that is where authors run `sitegen`.
        displayRoot = self.root.lastPathComponent
    }

    /// The display path of a file or folder inside the content folder.
    func display(_ url: URL) -> String {
        let components = url.standardizedFileURL.pathComponents
        guard components.starts(with: rootComponents) else { return url.path }
        return ([displayRoot] + components.dropFirst(rootComponents.count)).joined(separator: "/")
    }

    func location(_ url: URL, line: Int? = nil) -> SourceLocation {
        SourceLocation(file: display(url), line: line)
    }
}
