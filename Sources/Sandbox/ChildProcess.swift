import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process with piped stdin, stdout and stderr. Output is drained on background
/// threads (so the child never blocks on a full pipe), stdout as lines, both capped.
public final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let lock = NSLock()
    private var stderrData = Data()
    private var stderrDone = false
    private var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    private var exitStatus: Int32?
    private let maxStderr: Int
    private let maxLine: Int

    /// stdout, one element per line (without the newline). Finishes when stdout closes.
    public let lines: AsyncStream<Data>
    private let linesContinuation: AsyncStream<Data>.Continuation

    public init(executable: String, arguments: [String], maxLine: Int = 1 << 20, maxStderr: Int = 64 << 10) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        self.maxLine = maxLine
        self.maxStderr = maxStderr
        (lines, linesContinuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
    }

    public func start() throws {
        process.terminationHandler = { [weak self] process in
            self?.finish(status: process.terminationStatus)
        }
        try process.run()
        let stdoutFD = stdoutPipe.fileHandleForReading.fileDescriptor
        let stderrFD = stderrPipe.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in self.drainStdout(stdoutFD) }
        Thread.detachNewThread { [self] in self.drainStderr(stderrFD) }
    }

    /// Writes to the child's stdin and closes it.
    public func send(_ data: Data) {
        let handle = stdinPipe.fileHandleForWriting
        // The child may already be gone (killed, crashed): a failed write is reported by its exit, not here.
        signal(SIGPIPE, SIG_IGN)
        try? handle.write(contentsOf: data)
        try? handle.close()
    }

    public var stderr: String {
        lock.withLock { String(decoding: stderrData, as: UTF8.self) }
    }

    /// Waits for the process to exit and returns its status (a signal number when killed by one).
    public func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let exitStatus {
                lock.unlock()
                continuation.resume(returning: exitStatus)
            } else {
                exitWaiters.append(continuation)
                lock.unlock()
            }
        }
    }

    private func finish(status: Int32) {
        lock.lock()
        exitStatus = status
        let waiters = exitWaiters
        exitWaiters = []
        lock.unlock()
        waiters.forEach { $0.resume(returning: status) }
    }

    private func drainStdout(_ fd: Int32) {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                linesContinuation.yield(Data(pending[pending.startIndex..<newline]))
                pending.removeSubrange(pending.startIndex...newline)
            }
            // A line this long is not protocol output; drop it rather than grow without bound.
            if pending.count > maxLine { pending.removeAll(keepingCapacity: true) }
        }
        if !pending.isEmpty { linesContinuation.yield(pending) }
        linesContinuation.finish()
    }

    private func drainStderr(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            lock.withLock {
                let room = maxStderr - stderrData.count
                if room > 0 { stderrData.append(contentsOf: buffer[0..<min(count, room)]) }
            }
        }
    }
}

/// Runs a short command to completion and returns its exit status and output (for `docker kill`, `docker ps`, …).
public func runCommand(_ executable: String, _ arguments: [String]) async -> (status: Int32, stdout: String, stderr: String) {
    let child = ChildProcess(executable: executable, arguments: arguments)
    do {
        try child.start()
    } catch {
        return (127, "", "could not start \(executable): \(error)")
    }
    child.send(Data())
    var output = Data()
    for await line in child.lines {
        output.append(line)
        output.append(UInt8(ascii: "\n"))
    }
    let status = await child.waitForExit()
    return (status, String(decoding: output, as: UTF8.self), child.stderr)
}
