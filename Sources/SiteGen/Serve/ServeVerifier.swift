import Content
import Foundation
import Sandbox

/// `sitegen serve`'s verification: each time a step's solution or `test.py` is saved, that step's
/// solution and starter run again through the runner, and the terminal shows what each test said.
/// The sandbox starts on the first save that needs it; without Docker the author is told once.
actor ServeVerifier {
    let contentDirectory: URL
    let image: String
    private let log: @Sendable (String) -> Void
    private var sandbox: DockerSandbox?
    private var unavailable = false

    init(contentDirectory: URL, image: String, log: @escaping @Sendable (String) -> Void) {
        self.contentDirectory = contentDirectory
        self.image = image
        self.log = log
    }

    func verify(_ targets: [StepChanges.Target]) async {
        guard !unavailable else { return }
        let site: Site
        do {
            site = try ContentLoader.load(from: contentDirectory)
        } catch {
            return  // the build reported it
        }
        for target in targets {
            let selection = SolutionVerifier.Selection(only: "\(target.course)/\(target.step)", language: target.language)
            let jobs = SolutionVerifier.jobs(in: site, selection: selection)
            guard !jobs.isEmpty, let sandbox = await sandbox(for: Set(jobs.map(\.step.valkey))) else { continue }
            log("verify: \(target) …")
            let clock = ContinuousClock()
            let began = clock.now
            let runs = await SolutionVerifier(sandbox: sandbox, jobs: 2).verify(site, selection: selection) { _ in }
            for run in runs { log(run.detailed) }
            let wrong = runs.filter { !$0.asExpected }.count
            let seconds = (clock.now - began) / .milliseconds(1) / 1000
            log("verify: \(target): " + (wrong == 0 ? "all \(runs.count) runs as expected" : "\(wrong) of \(runs.count) runs NOT as expected")
                + String(format: " (%.1f s)", seconds))
        }
    }

    /// The sandbox, started once with `modes` warm; the others get a pool too, warm after first use.
    private func sandbox(for modes: Set<ValkeyMode>) async -> DockerSandbox? {
        if let sandbox { return sandbox }
        switch await VerifySandbox.start(image: image, modes: Set(ValkeyMode.allCases), prewarm: modes, jobs: 1) {
        case .success(let started):
            sandbox = started
            return started
        case .failure(let error):
            unavailable = true
            log("verify: off for this session: \(error.description) (saving still rebuilds; --no-verify silences this)")
            return nil
        }
    }

    func shutdown() async {
        await sandbox?.shutdown()
        sandbox = nil
    }
}
