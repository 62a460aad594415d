import Testing

@testable import Grader

@Suite struct ClientAddressTests {
    @Test func thePeerIsTheClientWithoutTrustedProxies() {
        #expect(ClientAddress(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"], trustedProxies: []).key == "203.0.113.7")
        #expect(ClientAddress(peer: nil, forwardedFor: [], trustedProxies: []).key == "unknown")
        #expect(ClientAddress(peer: "::ffff:192.0.2.1", forwardedFor: [], trustedProxies: []).key == "192.0.2.1")
    }

    @Test func ipv6ClientsCountPerSlash64() {
        let a = ClientAddress(peer: "2001:db8:1:2:aaaa::1", forwardedFor: [], trustedProxies: [])
        let b = ClientAddress(peer: "2001:db8:1:2:ffff:ffff:ffff:ffff", forwardedFor: [], trustedProxies: [])
        let c = ClientAddress(peer: "2001:db8:1:3::1", forwardedFor: [], trustedProxies: [])
        #expect(a.key == "2001:db8:1:2::/64")
        #expect(a == b)
        #expect(a != c)
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() throws {
        let proxies = [try #require(IPRange("10.0.0.0/8")), try #require(IPRange("::1"))]
        // The nearest untrusted hop is the client; what it claims further left is ignored.
        #expect(ClientAddress(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 203.0.113.9, 10.9.9.9"], trustedProxies: proxies).key
            == "203.0.113.9")
        #expect(ClientAddress(peer: "::1", forwardedFor: ["2001:db8::5"], trustedProxies: proxies).key == "2001:db8:0:0::/64")
        // An untrusted peer's header counts for nothing.
        #expect(ClientAddress(peer: "203.0.113.9", forwardedFor: ["10.0.0.1"], trustedProxies: proxies).key == "203.0.113.9")
        // Garbage in the header stops the walk at the last good hop.
        #expect(ClientAddress(peer: "10.1.2.3", forwardedFor: ["nonsense"], trustedProxies: proxies).key == "10.1.2.3")
    }

    @Test func rangesParseAndMatch() throws {
        let range = try #require(IPRange("192.168.0.0/16"))
        #expect(range.contains(try #require(IPAddress("192.168.44.1"))))
        #expect(!range.contains(try #require(IPAddress("192.169.0.1"))))
        #expect(!range.contains(try #require(IPAddress("::1"))))
        #expect(IPRange("10.0.0.0/33") == nil)
        #expect(IPRange("not an address") == nil)
        #expect(try #require(IPRange("fd00::/8")).contains(try #require(IPAddress("fdab::1"))))
    }
}
