import CSpawn
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process with piped stdin, stdout and stderr: stdout as capped lines, stderr
/// capped, the exit status once it ends. Safe to start from many tasks at once.
///
/// Why not Foundation's `Process`: on Linux its `run()` is not safe to call from several
/// threads at once. It reads the process-wide descriptor table to decide what to close in
/// the child, makes its pipes without close-on-exec (so a child spawned by another thread
/// at the same moment inherits them), registers each child on the calling thread's run
/// loop (a Swift-concurrency pool thread), and sets `isRunning` before the child's pid, so
/// its monitor thread can `waitpid` the wrong pid under load. The grader crashed in that
/// code (SIGSEGV in `memcpy` under `Process.run()`, from the warm pool's refills while
/// other children were being read). Here every descriptor is created close-on-exec and
/// `posix_spawn` (which shares no state between calls) starts the child; one thread reads
/// both pipes, one waits for the exit, and nothing is shared with other children.
public final class ChildProcess: @unchecked Sendable {
    /// Bounds on what is kept of the child's output.
    public struct Limits: Sendable, Equatable {
        /// Longest stdout line; a longer one ends the stream with `.lineTooLong`.
        public var maxLineBytes = 1 << 20
        /// All of stdout; more ends the stream with `.outputTooLarge`.
        public var maxStdoutBytes = 16 << 20
        /// stderr kept (the rest is read and dropped).
        public var maxStderrBytes = 64 << 10

        public init() {}
    }

    /// Why stdout's stream ended before the child closed it.
    public enum Overflow: Sendable, Equatable, CustomStringConvertible {
        case lineTooLong(limit: Int)
        case outputTooLarge(limit: Int)

        public var description: String {
            switch self {
            case .lineTooLong(let limit): "a line of more than \(limit / 1024) KiB"
            case .outputTooLarge(let limit): "more than \(limit / 1024) KiB of output"
            }
        }
    }

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    public let executable: String
    public let arguments: [String]
    public let limits: Limits

    /// stdout, one element per line (without the newline). Finishes when stdout closes or a limit is passed.
    public let lines: AsyncStream<Data>
    private let linesContinuation: AsyncStream<Data>.Continuation

    private let lock = NSLock()
    private var pid: pid_t = 0
    private var stdinFD: Int32 = -1
    private var stderrData = Data()
    private var overflowState: Overflow?
    private var exitStatus: Int32?
    private var exitWaiters: [Int: CheckedContinuation<Int32?, Never>] = [:]
    private var nextWaiter = 0
    /// Waiters whose time ran out (or whose task was cancelled) before they were registered.
    private var abandonedWaiters: Set<Int> = []

    public init(executable: String, arguments: [String], limits: Limits = Limits()) {
        self.executable = executable
        self.arguments = arguments
        self.limits = limits
        (lines, linesContinuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
    }

    deinit {
        if stdinFD >= 0 { close(stdinFD) }
    }

    public func start() throws {
        _ = Self.ignoreBrokenPipes
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        let all = { [input, output, errors] in (input + output + errors).filter { $0 >= 0 } }
        for index in 0..<3 {
            let error = index == 0 ? cspawn_pipe(&input) : index == 1 ? cspawn_pipe(&output) : cspawn_pipe(&errors)
            if error != 0 {
                all().forEach { _ = close($0) }
                throw LaunchError(description: "could not create a pipe: \(String(cString: strerror(error)))")
            }
        }

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let error = argv.withUnsafeBufferPointer { argvBuffer in
            cspawn_spawn(&child, executable, argvBuffer.baseAddress, environ, input[0], output[1], errors[1])
        }
        // The child has its copies; the parent keeps only its own ends.
        close(input[0])
        close(output[1])
        close(errors[1])
        guard error == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw LaunchError(description: "could not start \(executable): \(String(cString: strerror(error)))")
        }
        lock.withLock {
            pid = child
            stdinFD = input[1]
        }
        let (stdoutFD, stderrFD, started) = (output[0], errors[0], child)
        Thread.detachNewThread { [self] in self.pump(stdout: stdoutFD, stderr: stderrFD) }
        Thread.detachNewThread { [self] in self.reap(started) }
    }

    /// Writes `data` to the child's stdin, then closes it; in the background, so a child that
    /// does not read never blocks the caller. A child that is gone loses the data quietly:
    /// its exit says what happened.
    public func send(_ data: Data) {
        let fd = lock.withLock {
            defer { stdinFD = -1 }
            return stdinFD
        }
        guard fd >= 0 else { return }
        Thread.detachNewThread {
            data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        break
                    }
                    offset += written
                }
            }
            close(fd)
        }
    }

    /// Sends `signal` to the child, unless it has already exited (its pid may belong to someone else by then).
    public func signal(_ signal: Int32) {
        lock.withLock {
            if exitStatus == nil, pid > 0 { _ = kill(pid, signal) }
        }
    }

    public var stderr: String {
        lock.withLock { String(decoding: stderrData, as: UTF8.self) }
    }

    /// Set when stdout passed a limit; the stream of lines ended there.
    public var overflow: Overflow? { lock.withLock { overflowState } }

    public var hasExited: Bool { lock.withLock { exitStatus != nil } }

    /// Waits for the child to exit: its exit code, or 128 + the signal that ended it.
    public func waitForExit() async -> Int32 {
        await waitForExit(within: nil) ?? 0
    }

    /// Waits at most `limit` (nil: as long as it takes): the exit status, or nil if the
    /// child is still running then, or the waiting task was cancelled.
    public func waitForExit(within limit: Duration?) async -> Int32? {
        let id: Int = lock.withLock {
            nextWaiter += 1
            return nextWaiter
        }
        let timer = limit.map { limit in
            Task { [weak self] in
                try await Task.sleep(for: limit)
                self?.resumeWaiter(id, with: nil)
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.lock()
                if let exitStatus {
                    lock.unlock()
                    continuation.resume(returning: exitStatus)
                } else if abandonedWaiters.remove(id) != nil || Task.isCancelled {
                    lock.unlock()
                    continuation.resume(returning: nil)
                } else {
                    exitWaiters[id] = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            resumeWaiter(id, with: nil)
        }
    }

    private func resumeWaiter(_ id: Int, with status: Int32?) {
        let waiter = lock.withLock {
            let waiter = exitWaiters.removeValue(forKey: id)
            if waiter == nil, exitStatus == nil { abandonedWaiters.insert(id) }
            return waiter
        }
        waiter?.resume(returning: status)
    }

    /// Waits for the exit without reaping first, so that `signal` never reaches a reused pid.
    private func reap(_ child: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        var status: Int32 = 0
        let (code, waiters) = lock.withLock {
            while waitpid(child, &status, 0) < 0, errno == EINTR {}
            let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            exitStatus = code
            defer { exitWaiters = [:] }
            return (code, exitWaiters.values)
        }
        waiters.forEach { $0.resume(returning: code) }
    }

    /// Reads stdout and stderr until both close: one thread per child, whatever it prints.
    private func pump(stdout: Int32, stderr: Int32) {
        var descriptors = [pollfd(fd: stdout, events: Int16(POLLIN), revents: 0), pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pending = Data()
        var stdoutTotal = 0
        var streaming = true
        while descriptors.contains(where: { $0.fd >= 0 }) {
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = read(descriptors[index].fd, &buffer, buffer.count)
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                    continue
                }
                if index == 1 {
                    keepStderr(buffer[0..<count])
                    continue
                }
                guard streaming else { continue }  // past a limit: drained so the child never blocks, dropped
                let accepted = min(count, max(0, limits.maxStdoutBytes - stdoutTotal))
                stdoutTotal += count
                pending.append(contentsOf: buffer[0..<accepted])
                var longLine = false
                while !longLine, let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[pending.startIndex..<newline]
                    longLine = line.count > limits.maxLineBytes
                    if !longLine { linesContinuation.yield(Data(line)) }
                    pending.removeSubrange(pending.startIndex...newline)
                }
                let overflow: Overflow? =
                    longLine || pending.count > limits.maxLineBytes ? .lineTooLong(limit: limits.maxLineBytes)
                    : accepted < count ? .outputTooLarge(limit: limits.maxStdoutBytes) : nil
                if let overflow {
                    lock.withLock { overflowState = overflow }
                    pending = Data()
                    streaming = false
                    linesContinuation.finish()
                }
            }
        }
        if streaming, !pending.isEmpty { linesContinuation.yield(pending) }
        linesContinuation.finish()
    }

    private func keepStderr(_ bytes: ArraySlice<UInt8>) {
        lock.withLock {
            let room = limits.maxStderrBytes - stderrData.count
            if room > 0 { stderrData.append(contentsOf: bytes.prefix(room)) }
        }
    }

    /// Writing to a pipe whose reader is gone must fail with EPIPE, not kill the grader.
    private static let ignoreBrokenPipes: Void = { _ = Glibc.signal(SIGPIPE, SIG_IGN) }()
}
