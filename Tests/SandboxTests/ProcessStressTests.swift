import Content
import Foundation
import Sandbox
import TestSupport
import Testing

/// Launching processes from many tasks at once, for a minute: helper commands of every kind and
/// real runner containers, as the grader does under load. Every exit status must be the right
/// one, and afterwards no descriptor or thread may be left over. (Foundation's `Process` leaked
/// two descriptors per command and, once they ran out, stopped reporting exits at all.)
@Suite(.enabled(if: dockerIsAvailable, dockerReason))
struct ProcessStressTests {
    static let seconds = Double(ProcessInfo.processInfo.environment["CODEALONG_STRESS_SECONDS"] ?? "") ?? 60

    @Test func aMinuteOfConcurrentLaunchesLeavesNothingBehind() async throws {
        let descriptorsBefore = openDescriptors()
        let threadsBefore = threadCount()
        let deadline = ContinuousClock.now + .seconds(Self.seconds)
        var docker = DockerSettings()
        docker.instance = "stress-\(UUID().uuidString.prefix(8).lowercased())"
        let settings = docker

        let (commands, containers, wrong) = await withTaskGroup(of: (Int, Int, [String]).self) { group in
            for worker in 0..<24 {
                group.addTask {
                    var (commands, containers, wrong) = (0, 0, [String]())
                    while ContinuousClock.now < deadline {
                        if worker < 3 {
                            if let problem = await Self.runContainer(settings) { wrong.append(problem) }
                            containers += 1
                        } else if let problem = await Self.runCommandOfKind(worker % 4, seed: commands) {
                            wrong.append(problem)
                        }
                        commands += 1
                    }
                    return (commands, containers, wrong)
                }
            }
            var totals = (0, 0, [String]())
            for await (commands, containers, wrong) in group {
                totals.0 += commands
                totals.1 += containers
                totals.2 += wrong
            }
            return totals
        }
        print("process stress: \(commands) launches (\(containers) of them runner containers) in \(Int(Self.seconds)) s")
        #expect(commands > 500, "launched \(commands) processes")
        #expect(containers > 5, "ran \(containers) containers")
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")

        // Reader and reaper threads end shortly after their child; give them a moment.
        var descriptorsAfter = openDescriptors()
        var threadsAfter = threadCount()
        for _ in 0..<50 where descriptorsAfter > descriptorsBefore + 4 || threadsAfter > threadsBefore + 8 {
            try await Task.sleep(for: .milliseconds(100))
            descriptorsAfter = openDescriptors()
            threadsAfter = threadCount()
        }
        #expect(descriptorsAfter <= descriptorsBefore + 4, "descriptors \(descriptorsBefore) -> \(descriptorsAfter)")
        #expect(threadsAfter <= threadsBefore + 8, "threads \(threadsBefore) -> \(threadsAfter)")
        let leftovers = await runCommand(
            "docker", ["ps", "-aq", "--filter", "label=\(DockerSettings.labelKey)=\(settings.instance)"])
        #expect(leftovers.stdout.isEmpty)
    }

    /// One short command; a description of what went wrong, or nil.
    static func runCommandOfKind(_ kind: Int, seed: Int) async -> String? {
        switch kind {
        case 0:
            let code = Int32(seed % 100)
            let output = await runCommand("sh", ["-c", "echo out; echo err >&2; exit \(code)"])
            return output.status == code && output.stdout == "out\n" && output.stderr == "err\n"
                ? nil : "exit \(code): got \(output.status) \(output.stdout.debugDescription) \(output.stderr.debugDescription)"
        case 1:
            let text = String(repeating: "line \(seed)\n", count: seed % 200 + 1)
            let child = ChildProcess(executable: "cat", arguments: [])
            do { try child.start() } catch { return "cat: \(error)" }
            child.send(Data(text.utf8))
            var received = ""
            for await line in child.lines { received += String(decoding: line, as: UTF8.self) + "\n" }
            let status = await child.waitForExit()
            return status == 0 && received == text ? nil : "cat: \(status), \(received.count) of \(text.count) bytes"
        case 2:
            let child = ChildProcess(executable: "sleep", arguments: ["10"])
            do { try child.start() } catch { return "sleep: \(error)" }
            try? await Task.sleep(for: .milliseconds(seed % 20))
            child.signal(SIGTERM)
            let status = await child.waitForExit()
            return status == 128 + SIGTERM ? nil : "sleep killed with SIGTERM ended with \(status)"
        default:
            let output = await runCommand("docker", ["version", "--format", "{{.Client.Version}}"])
            return output.status == 0 && !output.stdout.isEmpty ? nil : "docker version: \(output.status) \(output.stderr)"
        }
    }

    /// One real runner container through the protocol: ready, payload, keyed result, exit.
    static func runContainer(_ settings: DockerSettings) async -> String? {
        let name = RunnerContainer.newName(instance: settings.instance)
        let container: RunnerContainer
        do {
            container = try await RunnerContainer.start(name: name, valkey: .none, settings: settings)
        } catch {
            return "container start: \(error)"
        }
        let key = RunnerPayload.newKey()
        let payload = #"{"language":"python","files":{"main.py":"print(6 * 7)"},"mode":"run","timeout":10,"key":"\#(key)"}"#
        container.send(Data(payload.utf8))
        var result: RunResult?
        for await line in container.lines {
            if case .event(.result(let reported)) = RunnerLine.parse(line, key: key) { result = reported }
        }
        await container.stop(patience: .seconds(5))
        guard let result, result.status == .pass, result.stdout == "42\n" else { return "container run: \(String(describing: result))" }
        return nil
    }
}
