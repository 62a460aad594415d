import Foundation
import Sandbox
import Testing

@Suite struct ChildProcessTests {
    @Test func reportsExitCodesSignalsAndOutput() async throws {
        let child = ChildProcess(executable: "sh", arguments: ["-c", "echo one; echo two; echo oops >&2; exit 7"])
        try child.start()
        child.send(Data())
        var lines: [String] = []
        for await line in child.lines { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["one", "two"])
        #expect(await child.waitForExit() == 7)
        #expect(child.stderr == "oops\n")

        let killed = ChildProcess(executable: "sleep", arguments: ["30"])
        try killed.start()
        #expect(await killed.waitForExit(within: .milliseconds(100)) == nil, "still running")
        killed.signal(SIGKILL)
        #expect(await killed.waitForExit() == 128 + SIGKILL)
        killed.signal(SIGKILL)  // after the exit: a no-op, never another process's pid
    }

    @Test func feedsStdinWithoutBlockingTheCaller() async throws {
        let payload = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 250 + 1) }.filter { $0 != 10 }) + Data("\n".utf8)
        let child = ChildProcess(executable: "cat", arguments: [])
        try child.start()
        child.send(payload)
        var received = Data()
        for await line in child.lines { received.append(line) }
        #expect(received == payload.dropLast())
        #expect(await child.waitForExit() == 0)
    }

    @Test func aLineOverTheLimitEndsTheStream() async throws {
        var limits = ChildProcess.Limits()
        limits.maxLineBytes = 1000
        let child = ChildProcess(executable: "sh", arguments: ["-c", "echo short; head -c 5000 /dev/zero; echo; echo after"], limits: limits)
        try child.start()
        var lines: [Data] = []
        for await line in child.lines { lines.append(line) }
        #expect(lines == [Data("short".utf8)])
        #expect(child.overflow == .lineTooLong(limit: 1000))
        #expect(await child.waitForExit() == 0, "drained to the end, so the child never blocks on a full pipe")
    }

    @Test func tooMuchOutputEndsTheStream() async throws {
        var limits = ChildProcess.Limits()
        limits.maxStdoutBytes = 100_000
        let child = ChildProcess(executable: "sh", arguments: ["-c", "yes | head -n 200000"], limits: limits)
        try child.start()
        var count = 0
        for await _ in child.lines { count += 1 }
        #expect(count == 50_000, "every whole line within the first 100,000 bytes, and no more")
        #expect(child.overflow == .outputTooLarge(limit: 100_000))
        #expect(await child.waitForExit() == 0)
    }

    @Test func aCommandThatHangsIsKilledAtItsTimeout() async throws {
        let clock = ContinuousClock()
        let began = clock.now
        let output = await runCommand("sleep", ["30"], timeout: .milliseconds(300))
        #expect(output.timedOut)
        #expect(output.status == 128 + SIGKILL)
        // Killed, not waited for: well under the 30 s of the sleep, even on a loaded machine.
        #expect(clock.now - began < .seconds(20))
    }

    @Test func aMissingProgramIsALaunchError() async throws {
        let child = ChildProcess(executable: "no-such-program-codealong", arguments: [])
        #expect(throws: ChildProcess.LaunchError.self) { try child.start() }
        let output = await runCommand("no-such-program-codealong", [])
        #expect(output.status == 127)
    }

    @Test func childrenInheritNoDescriptorsButTheirThree() async throws {
        let pipe = Pipe()  // a descriptor this process holds open, without close-on-exec
        defer { try? pipe.fileHandleForReading.close() }
        let output = await runCommand("sh", ["-c", "ls /proc/self/fd | wc -l"])
        // 0, 1, 2 and the one `ls` opens to read the folder.
        #expect(Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == 4, "\(output.stdout)")
    }
}
