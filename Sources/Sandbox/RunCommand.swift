import Foundation

/// What a short command printed and how it ended.
public struct CommandOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// It did not finish in time and was killed.
    public var timedOut = false
}

/// Runs a short command (`docker kill`, `docker ps`, …) to completion, killing it after
/// `timeout`: a hung Docker engine must not hang its caller.
public func runCommand(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(20)) async -> CommandOutput {
    let child = ChildProcess(executable: executable, arguments: arguments)
    do {
        try child.start()
    } catch {
        return CommandOutput(status: 127, stdout: "", stderr: "\(error)")
    }
    child.send(Data())
    let watchdog = Task {
        try await Task.sleep(for: timeout)
        child.signal(SIGKILL)
    }
    var output = Data()
    for await line in child.lines {
        output.append(line)
        output.append(UInt8(ascii: "\n"))
    }
    let status = await child.waitForExit()
    watchdog.cancel()
    let timedOut = await watchdog.result.isSuccess
    return CommandOutput(status: status, stdout: String(decoding: output, as: UTF8.self), stderr: child.stderr, timedOut: timedOut)
}

extension Result {
    fileprivate var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
