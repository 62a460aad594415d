import Foundation
import Sandbox

/// JSON safe to embed inside a `<script>` element.
enum ScriptJSON {
    /// Encodes `value` with sorted keys; `<`, `>` and `&` become `\u003c`… so no string can close the script.
    static func encode(_ value: some Encodable) -> String {
        guard let data = try? JSONEncoder.stable.encode(value), let json = String(data: data, encoding: .utf8) else { return "{}" }
        return json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
