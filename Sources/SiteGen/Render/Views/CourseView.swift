/// A course page: what the course is and its steps in order, with progress markers filled in by `progress.js`.
struct CourseView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var course: CourseSummaryView
    var steps: [StepLinkView]
    var firstStep: StepLinkView?
}

/// The facts about a course shown on its pages.
struct CourseSummaryView: Sendable {
    var id: String
    var title: String
    var summary: String
    var url: String
    var languagesLabel: String
    var stepCountLabel: String
}

/// A link to a step, as listed on the course page and in previous/next navigation.
struct StepLinkView: Sendable {
    var number: Int
    /// 1-based position in the course (the folder number may skip values).
    var position: Int
    var title: String
    var summary: String
    var url: String
    /// `course/step`, the id progress is stored under.
    var lessonID: String
}
