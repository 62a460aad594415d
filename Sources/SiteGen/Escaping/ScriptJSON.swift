import Foundation
import Sandbox

/// JSON safe to embed inside a `<script>` element.
enum ScriptJSON {
    /// Encodes `value` with sorted keys; `<`, `>` and `&` become `\u003c`… so no string can close the script.
    static func encode(_ value: some Encodable) -> String {
        guard let data = try? JSONEncoder.stable.encode(value), let json = String(data: data, encoding: .utf8) else { return "{}" }
        return escapingMarkup(json)
    }

    /// One pass over the UTF-8 bytes (the three characters are ASCII, never part of a longer sequence):
    /// Foundation's `replacingOccurrences` took over half of a build whose steps carry kilobytes of starter code.
    private static func escapingMarkup(_ json: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }
        guard json.utf8.contains(where: special) else { return json }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(json.utf8.count + 64)
        for byte in json.utf8 {
            switch byte {
            case UInt8(ascii: "<"): bytes.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): bytes.append(contentsOf: "\\u0026".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
