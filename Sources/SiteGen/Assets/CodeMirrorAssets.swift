import Foundation

/// The parts of CodeMirror 5 the pages load, copied from the system package (never committed) into `assets/codemirror/`.
enum CodeMirrorAssets {
    /// Debian's `libjs-codemirror` installs here.
    static let defaultDirectory = URL(fileURLWithPath: "/usr/share/javascript/codemirror")

    /// What the editor and the static code highlighting use; language modes cover the course languages
    /// and the shell sessions shown in instructions.
    static let files = [
        "lib/codemirror.js",
        "lib/codemirror.css",
        "mode/python/python.js",
        "mode/javascript/javascript.js",
        "mode/shell/shell.js",
        "addon/runmode/runmode.js",
        "addon/edit/matchbrackets.js",
        "addon/edit/closebrackets.js",
        "addon/comment/comment.js",
    ]

    /// Where the copies are published, below the output folder.
    static let publishedFolder = "assets/codemirror"

    static func collect(from directory: URL) throws(SiteGenError) -> [OutputFile] {
        var output: [OutputFile] = []
        for path in files {
            let source = directory.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: source.path) else {
                throw SiteGenError(
                    "CodeMirror file not found: \(source.path). Install Debian's libjs-codemirror "
                        + "(apt-get install libjs-codemirror) or pass --codemirror <folder>.")
            }
            output.append(OutputFile(path: "\(publishedFolder)/\(path)", contents: data))
        }
        return output
    }
}
