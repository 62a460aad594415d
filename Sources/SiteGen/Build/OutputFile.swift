import Foundation

/// One file of the built site: its path below the output folder and its bytes.
struct OutputFile: Sendable, Equatable {
    /// Relative path with `/` separators, e.g. `courses/build-your-own-valkey/index.html`.
    var path: String
    var contents: Data

    init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}
