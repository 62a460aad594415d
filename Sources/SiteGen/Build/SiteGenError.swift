/// A problem that stops a build, phrased so the user knows what to fix (content problems use `ContentErrors`).
struct SiteGenError: Error, CustomStringConvertible, Sendable {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
