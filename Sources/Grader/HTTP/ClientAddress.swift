import Foundation

/// Who a request comes from, for per-client limits: the peer's address, or behind a trusted
/// proxy the address that proxy saw. IPv6 clients count per /64, the block one subscriber
/// usually gets, so that cycling through addresses in it buys nothing.
struct ClientAddress: Sendable, Equatable {
    /// The limiter's key: an IPv4 address, `2001:db8:1:2::/64`, or `unknown`.
    let key: String

    /// - Parameters:
    ///   - peer: the TCP peer's address.
    ///   - forwardedFor: the `X-Forwarded-For` values, in order.
    ///   - trustedProxies: proxies whose `X-Forwarded-For` is believed.
    init(peer: String?, forwardedFor: [String], trustedProxies: [IPRange]) {
        var address = peer.flatMap(IPAddress.init)
        if address != nil {
            // Walk the chain from the nearest hop back; the first hop that is not one of our
            // proxies is the client (anything further left is the client's own claim).
            let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            for hop in hops.reversed() {
                guard let current = address, trustedProxies.contains(where: { $0.contains(current) }) else { break }
                guard let next = IPAddress(hop) else { break }
                address = next
            }
        }
        key = address?.clientKey ?? "unknown"
    }
}

/// An IPv4 or IPv6 address, parsed.
struct IPAddress: Sendable, Equatable {
    /// 4 or 16 bytes.
    let bytes: [UInt8]

    init?(_ text: String) {
        var text = text
        if text.hasPrefix("::ffff:"), text.contains(".") { text.removeFirst(7) }  // IPv4-mapped
        if let bytes = Self.parse(text, family: AF_INET, size: 4) {
            self.bytes = bytes
        } else if let bytes = Self.parse(text, family: AF_INET6, size: 16) {
            self.bytes = bytes
        } else {
            return nil
        }
    }

    private static func parse(_ text: String, family: Int32, size: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: size)
        return inet_pton(family, text, &buffer) == 1 ? buffer : nil
    }

    var clientKey: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}

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
