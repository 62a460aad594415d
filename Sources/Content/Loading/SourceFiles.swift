import Foundation

/// Reads the files of a starter, a solution or a template.
enum SourceFiles {
    /// The files `names` (relative to `folder`) as text, the runner's `mainFile` first and the rest by name;
    /// a file that is not UTF-8 is reported and left out.
    static func read(
        _ names: [String], in folder: URL, mainFile: String, paths: ContentPaths, issues: inout ContentIssues
    ) -> [SourceFile] {
        var files: [SourceFile] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let contents = FileSystem.text(at: url) else {
                issues.report(paths.location(url), "cannot read the file as UTF-8 text")
                continue
            }
            files.append(SourceFile(name: name, contents: contents))
        }
        // The main file first: it is the one the editor shows and the runner starts.
        return files.sorted { ($0.name == mainFile ? 0 : 1, $0.name) < ($1.name == mainFile ? 0 : 1, $1.name) }
    }
}
