import Content

/// What to run: language, files, mode and Valkey profile, with the step being graded in test mode.
public struct Submission: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case test
        case run
    }

    public var language: Language
    public var files: [SourceFile]
    public var mode: Mode
    public var valkey: ValkeyMode
    /// The step being graded (test mode only).
    public var lesson: (course: Course, step: Step)?

    public init(language: Language, files: [SourceFile], mode: Mode, valkey: ValkeyMode, lesson: (course: Course, step: Step)?) {
        self.language = language
        self.files = files
        self.mode = mode
        self.valkey = valkey
        self.lesson = lesson
    }
}
