/// How a course grades a step (`grading:` in `course.yml`).
public enum StepGrading: String, Sendable, CaseIterable {
    /// Each step builds on the last, and its tests run after every earlier step's (Build your own Valkey).
    case cumulative
    /// Each step is a program of its own, graded by its own tests only (Valkey in practice).
    case alone
}
