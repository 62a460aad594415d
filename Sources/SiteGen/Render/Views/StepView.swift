/// A step page: instructions | editor | results, wired to the grader by `data-*` attributes and starter JSON.
struct StepView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var course: CourseSummaryView
    var step: StepDetailView
    var languages: [LanguageOptionView]
    /// Whether to show the language switch (only when the course offers more than one language).
    var hasLanguageChoice: Bool
    var initialLanguage: LanguageOptionView
    /// The starter shown before any script runs, so the page reads (and the textarea works) without JavaScript.
    var initialCode: String
    /// `{"python": {"name", "mode", "mainFile", "files": {…}}, …}` for `<script type="application/json">`.
    var startersJSON: String
    var previous: StepLinkView?
    /// Whether the learner's passing code of the previous step opens this one (a course that
    /// builds one program step by step; not one whose steps are programs of their own).
    var carriesCode: Bool
    var next: StepLinkView?
    var positionLabel: String
}

/// The step itself.
struct StepDetailView: Sendable {
    var number: Int
    var title: String
    var summary: String
    var lessonID: String
    var timeoutSeconds: Int
    var valkey: String
    var instructionsHTML: String
}

/// One language a learner can pick on a step page.
struct LanguageOptionView: Sendable {
    var id: String
    var name: String
    /// CodeMirror mode name.
    var mode: String
    var mainFile: String
    var selected: Bool
}

/// The starter of one language as the page's JavaScript reads it.
struct StarterPayload: Sendable, Encodable {
    var name: String
    var mode: String
    var mainFile: String
    var files: [String: String]
}
