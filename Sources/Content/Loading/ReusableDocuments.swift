import Foundation

/// Pages and steps an earlier load made, offered again for files that have not changed since, so a rebuild after
/// one edit reads and parses one file rather than all of them. Only documents that loaded without a problem may be
/// offered: a reused one is not checked again.
public protocol ReusableDocuments: Sendable {
    /// The page read from `file` last time, if that file has not changed.
    func page(from file: URL) -> Page?
    /// The step read from `folder` last time, if no file below it changed and its course's languages are the same.
    func step(from folder: URL, languages: [Language]) -> Step?
}
