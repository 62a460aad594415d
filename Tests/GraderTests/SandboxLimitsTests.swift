import Content
import Foundation
import Sandbox
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Grader

/// Each sandbox limit, proven by a program that runs into it (real Docker, run mode).
@Suite(.serialized, .enabled(if: dockerIsAvailable, dockerReason)) struct SandboxLimitsTests {
    /// Runs playground Python and returns the result.
    func run(_ code: String, timeout: Double = 10, valkey: String = "none") async throws -> RunResult {
        let services = makeServices(runTimeout: timeout)
        let app = buildApplication(services)
        let result = try await app.test(.live) { client in
            try await client.runCode(["language": "python", "code": code, "valkey": valkey]).decoded(RunResult.self)
        }
        await services.sandbox.shutdown()
        #expect(await leftoverContainers(instance: services.configuration.docker.instance).isEmpty)
        return result
    }

    @Test func processCountIsCapped() async throws {
        let code = """
            import subprocess
            children = []
            try:
                for _ in range(200):
                    children.append(subprocess.Popen(["sleep", "5"]))
            except OSError as error:
                print("refused:", error.errno)
            print("started", len(children))
            """
        let result = try await run(code)
        let started = result.stdout.split(separator: "\n").first { $0.hasPrefix("started") }
        let count = started.flatMap { Int($0.split(separator: " ").last ?? "") } ?? -1
        #expect(count >= 0 && count < 64, "\(result.stdout)")
        #expect(result.stdout.contains("refused"))
    }

    @Test func outputFloodIsTruncatedAndFlagged() async throws {
        let result = try await run("import sys\nfor _ in range(20000):\n    sys.stdout.write('x' * 99 + '\\n')\n")
        #expect(result.truncated)
        #expect(result.stdout.utf8.count <= 64 * 1024)
        #expect(result.stdout.utf8.count > 32 * 1024)
    }

    @Test func onlyLoopbackNetwork() async throws {
        let result = try await run("import socket\nprint(sorted(name for _, name in socket.if_nameindex()))\n")
        #expect(result.stdout.contains("['lo']"), "\(result.stdout) \(result.stderr)")
    }

    @Test func rootFilesystemIsReadOnly() async throws {
        let code = """
            try:
                open("/etc/codealong-test", "w").write("x")
                print("wrote")
            except OSError as error:
                print("refused:", error.strerror)
            open("/tmp/scratch", "w").write("fine")
            print("tmp ok")
            """
        let result = try await run(code)
        #expect(result.stdout.contains("refused: Read-only file system"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("tmp ok"))
    }

    @Test func runsUnderAUidOfItsOwnNeitherRootNorTheRunners() async throws {
        let code = """
            import os
            print(os.getuid(), os.getgid(), len(os.getgroups()), os.stat("/proc/1").st_uid)
            """
        let result = try await run(code)
        let numbers = result.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(numbers.count == 4, "\(result.stdout) \(result.stderr)")
        let (uid, gid, groups, runner) = (numbers[0], numbers[1], numbers[2], numbers[3])
        #expect(uid >= 200_000 && uid <= 999_999, "the learner's uid comes from the launcher's range")
        #expect(gid == uid && groups == 0)
        #expect(runner == 1000, "the runner (pid 1) gave up root")
    }

    @Test func rawCommandsAgainstAClusterSeeRealRedirects() async throws {
        let services = makeServices(runTimeout: 20)
        let app = buildApplication(services)
        let result = try await app.test(.live) { client in
            try await client.runCode([
                "language": "valkey", "valkey": "cluster",
                // `foo` hashes to slot 12182, which the third primary serves: the server answers MOVED
                // and the session follows it, as `valkey-cli -c` does.
                "code": "CLUSTER INFO\nSET foo bar\nCLUSTER KEYSLOT foo",
            ]).decoded(RunResult.self)
        }
        await services.sandbox.shutdown()
        #expect(result.stdout.contains("cluster_state:ok"), "\(result.stdout)")
        #expect(result.stdout.contains("-> Redirected to slot [12182] located at 127.0.0.1:700"), "\(result.stdout)")
        #expect(result.stdout.contains("(integer) 12182"))
    }

    @Test func clusterRunWritesAcrossSlotsAndReadsBack() async throws {
        let code = """
            from valkey.cluster import ValkeyCluster
            client = ValkeyCluster(host="127.0.0.1", port=7000)
            keys = [f"user:{i}" for i in range(30)]
            for key in keys:
                client.set(key, key.upper())
            slots = {client.keyslot(key) for key in keys}
            nodes = {client.get_node_from_key(key).port for key in keys}
            print("slots", len(slots), "nodes", len(nodes))
            print("readback", all(client.get(key) == key.upper().encode() for key in keys))
            """
        let result = try await run(code, timeout: 20, valkey: "cluster")
        #expect(result.status == .pass, "\(result)")
        #expect(result.stdout.contains("nodes 3"), "\(result.stdout)")
        #expect(result.stdout.contains("readback True"))
        guard case .array(let keyspace)? = result.keyspace else {
            Issue.record("no keyspace in \(result)")
            return
        }
        #expect(keyspace.count == 30)
    }
}
