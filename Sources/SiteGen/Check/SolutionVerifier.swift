import Content
import Foundation
import Sandbox

/// Runs every step's solution (it must pass) and starter (it must not) in every course language through the
/// real runner, so the published course is proven to be solvable and not already solved.
struct SolutionVerifier: Sendable {
    var sandbox: any SandboxBackend
    /// Runs in flight at once.
    var jobs: Int = 2

    /// Which code of a step a run submits.
    enum Kind: String, Sendable {
        case solution, starter
    }

    /// One run to make: a step's solution or starter in one language.
    struct Job: Sendable {
        var course: Course
        var step: Step
        var language: Language
        var kind: Kind

        var files: [SourceFile] {
            (kind == .solution ? step.solutions : step.starters)[language.id] ?? []
        }
    }

    /// A finished run and whether it ended the way it must.
    struct Run: Sendable, CustomStringConvertible {
        var job: Job
        var result: RunResult
        var seconds: Double

        var asExpected: Bool { (result.status == .pass) == (job.kind == .solution) }

        /// One line: whether it went as it must, which run, its status and time.
        var headline: String {
            let mark = asExpected ? "ok  " : "FAIL"
            return [
                mark, job.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                job.step.lessonID.padding(toLength: max(36, job.step.lessonID.count), withPad: " ", startingAt: 0),
                job.language.id.padding(toLength: 10, withPad: " ", startingAt: 0),
                result.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0),
                String(format: "%6.2f s", seconds),
            ].joined(separator: "  ")
        }

        /// The headline, and for a run that went wrong, why.
        var description: String {
            let line = headline
            guard !asExpected else { return line }
            if job.kind == .starter {
                return line + "\n      the starter passes every test: it must leave the step's work to the learner"
            }
            var details = [line, "      " + result.message]
            for test in result.tests where test.status != .pass {
                details.append("      \(test.status.rawValue): \(test.name)" + (test.message.map { ": \($0)" } ?? ""))
            }
            return details.joined(separator: "\n")
        }

        /// The headline and every test's outcome, one line each, with the message and hint of
        /// those that did not pass and the result's message: what `--only` and `serve` print.
        var detailed: String {
            var lines = [headline]
            if !asExpected {
                lines.append(job.kind == .starter
                    ? "      the starter passes every test: it must leave the step's work to the learner"
                    : "      the solution must pass every test")
            }
            return (lines + [testLines]).joined(separator: "\n")
        }

        var testLines: String {
            var lines = result.tests.map { test in
                var line = "      \(test.status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) "
                    + "\(test.step.map { "\($0) / " } ?? "")\(test.name)"
                let indent = "\n            "
                if test.status != .pass, let message = test.message {
                    line += indent + message.replacingOccurrences(of: "\n", with: indent)
                }
                if test.status != .pass, let hint = test.hint { line += indent + "hint: \(hint)" }
                return line
            }
            lines.append("      → \(result.status.rawValue): \(result.message)")
            if result.status != .pass, !result.stderr.isEmpty {
                lines.append("      stderr: " + result.stderr.suffix(600).split(separator: "\n").joined(separator: "\n              "))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Which runs to make: everything, or one course, step or language (`--only`, `--language`).
    struct Selection: Sendable {
        var course: String?
        var step: String?
        var language: String?

        static let everything = Selection()

        /// `course`, `course/step` or `course/NN` (the step's folder or its number).
        init(only: String? = nil, language: String? = nil) {
            let parts = only?.split(separator: "/", maxSplits: 1).map(String.init) ?? []
            course = parts.first
            step = parts.count > 1 ? parts[1] : nil
            self.language = language
        }

        func includes(_ course: Course, _ step: Step, _ language: Language) -> Bool {
            (self.course.map { $0 == course.id } ?? true)
                && (self.step.map { $0 == step.id || Int($0) == step.number } ?? true)
                && (self.language.map { $0 == language.id } ?? true)
        }

        var isEverything: Bool { course == nil && step == nil && language == nil }
    }

    /// Every run `verify` makes, solutions first, in course and step order.
    static func jobs(in site: Site, selection: Selection = .everything) -> [Job] {
        var jobs: [Job] = []
        for kind in [Kind.solution, .starter] {
            for course in site.courses {
                for step in course.steps {
                    jobs += course.languages.filter { selection.includes(course, step, $0) }
                        .map { Job(course: course, step: step, language: $0, kind: kind) }
                }
            }
        }
        return jobs
    }

    /// Makes every selected run, `jobs` at a time, reporting each as it finishes; returns them in `jobs(in:)` order.
    func verify(_ site: Site, selection: Selection = .everything, onRun: @escaping @Sendable (Run) -> Void) async -> [Run] {
        let planned = Self.jobs(in: site, selection: selection)
        var runs: [Run?] = Array(repeating: nil, count: planned.count)
        await withTaskGroup(of: (Int, Run).self) { group in
            var next = 0
            func startNext() {
                guard next < planned.count else { return }
                let index = next
                let job = planned[index]
                next += 1
                group.addTask {
                    let clock = ContinuousClock()
                    let began = clock.now
                    let submission = Submission(
                        language: job.language, files: job.files, mode: .test, valkey: job.step.valkey,
                        lesson: (job.course, job.step))
                    let run = await sandbox.run(
                        submission, timeoutSeconds: Double(job.step.timeoutSeconds), onEvent: { _ in })
                    let elapsed = clock.now - began
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    return (index, Run(job: job, result: run.result, seconds: seconds))
                }
            }
            for _ in 0..<max(1, jobs) { startNext() }
            for await (index, run) in group {
                runs[index] = run
                onRun(run)
                startNext()
            }
        }
        return runs.compactMap { $0 }
    }
}
