/// What the preview server tells open pages about the latest build.
struct BuildStatus: Sendable, Equatable, Codable {
    /// Increases with every build that changed the output; pages served from an older one reload.
    var id: Int
    /// The last build's error, while the content or theme is broken.
    var error: String?
}
