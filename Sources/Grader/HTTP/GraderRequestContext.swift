import Hummingbird
import NIOCore

/// Request context that knows the client's address (for the per-client rate limit).
struct GraderRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client key for rate limiting: its IP address, without the port.
    var clientKey: String { remoteAddress?.ipAddress ?? "unknown" }
}
