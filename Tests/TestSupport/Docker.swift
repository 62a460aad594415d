import Foundation
import Sandbox
import Testing

/// Whether a Docker engine answers and the runner image is there (`make test` makes sure of both).
/// Suites that need both say so with `.enabled(if: dockerIsAvailable, dockerReason)`.
public let dockerIsAvailable: Bool = {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var available = false
    Task {
        available = await runCommand("docker", ["image", "inspect", DockerSettings().image], timeout: .seconds(10)).status == 0
        semaphore.signal()
    }
    semaphore.wait()
    return available
}()

public let dockerReason: Comment = "needs the Docker engine and the runner image (make image)"

/// Open file descriptors and threads of this process, read from /proc.
public func openDescriptors() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
}

public func threadCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
}

/// Containers labelled with `instance` that still exist.
public func leftoverContainers(instance: String) async -> [String] {
    let listing = await runCommand(
        "docker", ["ps", "-a", "--filter", "label=\(DockerSettings.labelKey)=\(instance)", "--format", "{{.Names}}"])
    return listing.stdout.split(separator: "\n").map(String.init)
}
