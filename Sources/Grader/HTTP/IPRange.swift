import Foundation

/// An address or a CIDR block (`10.0.0.0/8`, `::1`, `fd00::/8`).
struct IPRange: Sendable, Equatable, CustomStringConvertible {
    let network: IPAddress
    let prefix: Int
    let description: String

    init?(_ text: String) {
        description = text
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let network = IPAddress(parts[0]) else { return nil }
        let bits = network.bytes.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefix, (0...bits).contains(prefix) else { return nil }
        self.network = network
        self.prefix = prefix
    }

    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(address.bytes, network.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }
}
