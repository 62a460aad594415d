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
