import Foundation

/// A 64-bit FNV-1a digest fed field by field: cache keys for pages, not a security boundary.
struct ContentDigest: Sendable, Hashable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    mutating func combine(bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        value = hash
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        combine(UInt64(text.utf8.count))  // keeps "ab","c" apart from "a","bc"
    }

    mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    mutating func combine(_ other: ContentDigest) { combine(other.value) }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The digest of `values`, walked with reflection: every stored property counts, so a field added to the
    /// content model later changes the key of the pages built from it without anyone listing it here.
    /// Properties named in `skipping` are left out at every depth (used for bodies that a listing never shows).
    static func of(reflecting values: Any..., skipping: Set<String> = []) -> ContentDigest {
        var digest = ContentDigest()
        for value in values { digest.combine(reflecting: value, skipping: skipping) }
        return digest
    }

    mutating func combine(reflecting value: Any, skipping: Set<String> = []) {
        switch value {
        case let text as String:
            combine(1)
            combine(text)
        case let number as Int:
            combine(2)
            combine(number)
        case let flag as Bool:
            combine(3)
            combine(flag ? 1 : 0)
        case let number as Double:
            combine(4)
            combine(number.bitPattern)
        case let url as URL:
            combine(5)
            combine(url.absoluteString)
        default:
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .dictionary, .set:
                // Iteration order is random per process: combine the entries' digests in sorted order.
                let entries = mirror.children.map { ContentDigest.of(reflecting: $0.value, skipping: skipping).value }
                combine(6)
                combine(entries.count)
                for entry in entries.sorted() { combine(entry) }
            case .optional:
                if let some = mirror.children.first {
                    combine(7)
                    combine(reflecting: some.value, skipping: skipping)
                } else {
                    combine(8)
                }
            case .enum:
                combine(9)
                combine(String(describing: type(of: value)))
                if let payload = mirror.children.first {
                    combine(payload.label ?? "")
                    combine(reflecting: payload.value, skipping: skipping)
                } else {
                    combine(String(describing: value))
                }
            default:
                guard mirror.children.count > 0 || mirror.displayStyle == .collection else {
                    combine(10)
                    combine(String(describing: value))
                    return
                }
                combine(11)
                combine(mirror.children.count)
                for child in mirror.children {
                    if let label = child.label {
                        if skipping.contains(label) { continue }
                        combine(label)
                    }
                    combine(reflecting: child.value, skipping: skipping)
                }
            }
        }
    }
}
