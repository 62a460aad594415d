import Foundation

/// The build side of `sitegen serve`: builds, watches `content/` and `theme/` by polling file stamps, rebuilds
/// after a debounced change and tells open pages through the broadcaster. A failed build keeps the last good
/// output in place and is reported in the terminal and on the pages.
actor PreviewSession {
    let builder: SiteBuilder
    let broadcaster: ReloadBroadcaster
    /// Where lines for the terminal go.
    private let log: @Sendable (String) -> Void
    /// Verifies steps whose solution or tests were saved (`sitegen serve` with Docker); nil: never.
    private let verify: (@Sendable ([StepChanges.Target]) async -> Void)?
    /// The verification under way, so that runs happen one after another, not on top of each other.
    private var verifying: Task<Void, Never>?
    private var debouncer: ChangeDebouncer
    private var outputVersion = 0
    private var lastScan: Duration = .zero
    /// The URL path prefix of the site (from `base_url`), known after the first good build.
    private(set) var root = ""

    init(
        builder: SiteBuilder, broadcaster: ReloadBroadcaster = ReloadBroadcaster(),
        verify: (@Sendable ([StepChanges.Target]) async -> Void)? = nil,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.builder = builder
        self.broadcaster = broadcaster
        self.verify = verify
        self.log = log
        debouncer = ChangeDebouncer(built: FileStamps(stamps: [:]))
    }

    var watchedFolders: [URL] { [builder.contentDirectory, builder.themeDirectory] }

    /// Builds now, whatever changed, and publishes the outcome.
    @discardableResult
    func build(reason: String? = nil) async -> BuildStatus {
        let stamps = FileStamps.scan(watchedFolders)
        return await build(stamps, reason: reason)
    }

    /// One poll: rebuilds when the sources changed and have been still for the debounce interval.
    /// Returns the new status when it built.
    func poll(at now: ContinuousClock.Instant = .now) async -> BuildStatus? {
        let clock = ContinuousClock()
        let began = clock.now
        let stamps = FileStamps.scan(watchedFolders)
        lastScan = clock.now - began
        guard let settled = debouncer.observe(stamps, at: now) else { return nil }
        let changed = settled.changes(since: debouncer.built)
        let shown = changed.prefix(3).map(displayPath).joined(separator: ", ") + (changed.count > 3 ? ", …" : "")
        let status = await build(settled, reason: shown + " changed")
        if status.error == nil { verifyAgain(StepChanges.targets(changed, contentDirectory: builder.contentDirectory)) }
        return status
    }

    /// Queues the verification of `targets` behind any still running, without holding up serving.
    private func verifyAgain(_ targets: [StepChanges.Target]) {
        guard let verify, !targets.isEmpty else { return }
        let previous = verifying
        verifying = Task {
            await previous?.value
            await verify(targets)
        }
    }

    /// Waits for the verifications queued so far (tests).
    func verificationsFinished() async {
        await verifying?.value
    }

    /// Polls until cancelled: every `interval`, or less often when scanning the tree takes long (a site of
    /// thousands of pages), so watching never costs more than a fifth of a core.
    func watch(every interval: Duration = .milliseconds(100)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: max(interval, lastScan * 4))
            _ = await poll()
        }
    }

    private func build(_ stamps: FileStamps, reason: String?) async -> BuildStatus {
        debouncer.didBuild(stamps)
        let previous = await broadcaster.status
        let status: BuildStatus
        do {
            let report = try await builder.build()
            root = report.root
            let changedOutput = report.write.written + report.write.removed > 0
            if changedOutput || previous.error != nil { outputVersion += 1 }
            status = BuildStatus(id: outputVersion, error: nil)
            log("sitegen: " + (reason.map { "\($0): " } ?? "") + report.summary)
        } catch {
            status = BuildStatus(id: outputVersion, error: "\(error)")
            log(
                "sitegen: " + (reason.map { "\($0): " } ?? "")
                    + "build failed, still serving the last good build:\n\(error)")
        }
        await broadcaster.publish(status)
        return status
    }

    private func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
