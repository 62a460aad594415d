/// Decides when a changed source tree is worth a rebuild: once it has stopped changing for `quiet`, so an editor
/// saving several files (or writing one in steps) causes one build, not several. Time is passed in, so tests
/// need no sleeping.
struct ChangeDebouncer: Sendable {
    var quiet: Duration
    /// What the last build saw.
    private(set) var built: FileStamps
    private var pending: (stamps: FileStamps, since: ContinuousClock.Instant)?

    init(quiet: Duration = .milliseconds(200), built: FileStamps) {
        self.quiet = quiet
        self.built = built
    }

    /// Records a scan taken at `now`; returns the stamps to build when the tree changed and has been still for `quiet`.
    mutating func observe(_ stamps: FileStamps, at now: ContinuousClock.Instant) -> FileStamps? {
        guard stamps != built else {
            pending = nil
            return nil
        }
        guard let pending, pending.stamps == stamps else {
            self.pending = (stamps, now)
            return nil
        }
        return now - pending.since >= quiet ? stamps : nil
    }

    /// The build of `stamps` is done (whether it succeeded or not: a failed build is retried on the next change).
    mutating func didBuild(_ stamps: FileStamps) {
        built = stamps
        pending = nil
    }
}
