/// The home page: the site's introduction and its courses.
struct HomeView: Sendable {
    var site: SiteView
    var meta: PageMeta
    /// The title of `pages/index.md`, or the site's title.
    var heroTitle: String
    var heroSummary: String
    var introHTML: String
    var courses: [CourseCardView]
    /// The course the hero's button starts.
    var firstCourse: CourseCardView?
}

/// A free page from `content/pages/`.
struct PageView: Sendable {
    var site: SiteView
    var meta: PageMeta
    var title: String
    var html: String
}

/// The page served for unknown URLs.
struct NotFoundView: Sendable {
    var site: SiteView
    var meta: PageMeta
}

/// A course on the home page.
struct CourseCardView: Sendable {
    var id: String
    var title: String
    var summary: String
    var url: String
    var stepCountLabel: String
    var languagesLabel: String
    /// The course's lesson ids, space-separated, so the page's script can count passed steps.
    var lessonIDs: String
}
