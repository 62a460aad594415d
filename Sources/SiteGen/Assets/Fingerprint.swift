import Foundation

/// A short content hash for asset file names (`site.css` → `site.1f3a9c2e7b.css`).
enum Fingerprint {
    /// FNV-1a, 64-bit: a cache key, not a security boundary, so no crypto library is needed.
    static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
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
