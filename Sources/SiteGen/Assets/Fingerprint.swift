import Foundation

/// A short content hash for asset file names (`site.css` → `site.1f3a9c2e7b.css`).
enum Fingerprint {
    /// The `ContentDigest` of the bytes: a cache key, not a security boundary.
    static func of(_ data: Data) -> String {
        var digest = ContentDigest()
        data.withUnsafeBytes { digest.combine(bytes: $0) }
        return digest.hex
    }

    /// `css/site.css` → `css/site.<hash>.css`.
    static func name(for path: String, contents: Data) -> String {
        let hash = String(of(contents).prefix(10))
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return ext.isEmpty ? "\(base).\(hash)" : "\(base).\(hash).\(ext)"
    }
}
