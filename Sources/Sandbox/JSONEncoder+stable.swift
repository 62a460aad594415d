import Foundation

extension JSONEncoder {
    /// Sorted keys and unescaped slashes: the same bytes for the same value. Every API
    /// response, the runner's payload and the site's embedded and published JSON use it.
    public static let stable: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
