import Foundation
import NIOCore
import Sandbox

/// A response body of Server-Sent Events whose unsent backlog is bounded: while a slow
/// client has more than `maxBacklog` bytes waiting, progress events are dropped (and
/// counted); the final `result` is always sent.
struct ServerSentEventStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    private let base: AsyncStream<ByteBuffer>
    private let continuation: AsyncStream<ByteBuffer>.Continuation
    private let backlog: Backlog

    init(maxBacklog: Int) {
        (base, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .unbounded)
        backlog = Backlog(limit: maxBacklog)
    }

    /// Queues a progress event, unless the client is too far behind.
    func send(_ name: String, _ value: some Encodable) {
        let buffer = Self.encode(name, value)
        if backlog.admit(buffer.readableBytes, essential: false) { continuation.yield(buffer) }
    }

    /// Queues the last event and ends the stream.
    func finish(_ name: String, _ value: some Encodable) {
        let buffer = Self.encode(name, value)
        _ = backlog.admit(buffer.readableBytes, essential: true)
        continuation.yield(buffer)
        continuation.finish()
    }

    /// Progress events not sent because the client read too slowly.
    var dropped: Int { backlog.dropped }

    static func encode(_ name: String, _ value: some Encodable) -> ByteBuffer {
        let json = (try? JSONEncoder.stable.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: \(name)\ndata: \(json)\n\n")
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<ByteBuffer>.AsyncIterator
        let backlog: Backlog

        mutating func next() async -> ByteBuffer? {
            guard let buffer = await base.next() else { return nil }
            backlog.sent(buffer.readableBytes)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), backlog: backlog)
    }

    final class Backlog: @unchecked Sendable {
        private let limit: Int
        private let lock = NSLock()
        private var pending = 0
        private var droppedCount = 0

        init(limit: Int) {
            self.limit = limit
        }

        func admit(_ bytes: Int, essential: Bool) -> Bool {
            lock.withLock {
                guard essential || pending + bytes <= limit else {
                    droppedCount += 1
                    return false
                }
                pending += bytes
                return true
            }
        }

        func sent(_ bytes: Int) {
            lock.withLock { pending -= bytes }
        }

        var dropped: Int { lock.withLock { droppedCount } }
    }
}
