import Content
import Foundation
import Sandbox
import Testing

@Suite struct DockerSettingsTests {
    /// `runner/sandbox-flags.json` (the runner's Docker tests and the benchmark start containers
    /// with it) must be the grader's flags, without the per-run ones.
    @Test func theRunnersCopyOfTheFlagsIsTheGradersOwn() throws {
        struct FlagsFile: Decodable { var flags: [String] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("runner/sandbox-flags.json")
        let copy = try JSONDecoder().decode(FlagsFile.self, from: Data(contentsOf: url)).flags

        let settings = DockerSettings()
        var flags = Array(settings.runArguments(name: "n", valkey: .standalone).dropFirst())  // "run"
        #expect(flags.removeLast() == settings.image)
        for perRun in ["--name", "--label", "--env", "--env"] {
            let index = try #require(flags.firstIndex(of: perRun))
            flags.removeSubrange(index...index + 1)
        }
        #expect(copy == flags)
    }

    @Test func everyContainerIsLockedDown() {
        let arguments = DockerSettings().runArguments(name: "n", valkey: .none)
        for required in ["--network none", "--read-only", "--cap-drop ALL", "--security-opt no-new-privileges",
                         "--log-driver none", "--pull never"] {
            let parts = required.split(separator: " ").map(String.init)
            let found = arguments.indices.contains { arguments[$0...].starts(with: parts) }
            #expect(found, "\(required)")
        }
        let added = arguments.indices.filter { arguments[$0] == "--cap-add" }.map { arguments[$0 + 1] }
        #expect(added == ["SETUID", "SETGID"], "the launcher needs exactly these two, nothing else")
    }
}
