import Foundation
import Sandbox

/// Lets at most `concurrency` runs go at once and at most `capacity` more wait, in order.
/// Admission is decided at once (so a full queue is a 429 before any streaming starts);
/// waiting for a turn comes after.
actor SubmissionQueue {
    struct Full: Error {
        /// A fair guess at when a slot frees up.
        var retryAfterSeconds: Int
    }

    /// A place in line. `waitForTurn` returns once it may run; `leave` frees the slot.
    struct Ticket: Sendable {
        fileprivate let queue: SubmissionQueue
        fileprivate let runsNow: Bool
        /// Submissions ahead of this one when it was admitted.
        let position: Int

        func waitForTurn() async {
            if !runsNow { await queue.waitForTurn() }
        }

        func leave() async { await queue.release() }
    }

    let concurrency: Int
    let capacity: Int
    private var running = 0
    private var queued = 0
    /// Slots handed over by `release` before their waiter got to `waitForTurn`.
    private var handedOver = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Recent run durations, for a `Retry-After` that reflects the load.
    private var recentSeconds: [Double] = []

    init(concurrency: Int, capacity: Int) {
        self.concurrency = max(1, concurrency)
        self.capacity = max(0, capacity)
    }

    var depth: Int { queued }
    var active: Int { running }

    func admit() throws(Full) -> Ticket {
        if running < concurrency, queued == 0 {
            running += 1
            return Ticket(queue: self, runsNow: true, position: 0)
        }
        guard queued < capacity else { throw Full(retryAfterSeconds: retryAfter()) }
        queued += 1
        return Ticket(queue: self, runsNow: false, position: queued)
    }

    func record(_ duration: Duration) {
        recentSeconds.append(Double(duration / .milliseconds(1)) / 1000)
        if recentSeconds.count > 50 { recentSeconds.removeFirst() }
    }

    fileprivate func waitForTurn() async {
        if handedOver > 0 {
            handedOver -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    fileprivate func release() {
        guard queued > 0 else {
            running -= 1
            return
        }
        // Hand the slot straight to the next in line: `running` stays the same.
        queued -= 1
        if waiters.isEmpty {
            handedOver += 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    private func retryAfter() -> Int {
        let average = recentSeconds.isEmpty ? 2 : recentSeconds.reduce(0, +) / Double(recentSeconds.count)
        return max(1, Int((average * Double(queued + 1) / Double(concurrency)).rounded(.up)))
    }
}
