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

        var description: String {
            let mark = asExpected ? "ok  " : "FAIL"
            let line = [
                mark, job.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                job.step.lessonID.padding(toLength: max(36, job.step.lessonID.count), withPad: " ", startingAt: 0),
                job.language.id.padding(toLength: 10, withPad: " ", startingAt: 0),
                result.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0),
                String(format: "%6.2f s", seconds),
            ].joined(separator: "  ")
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
    }

    /// Every run `verify` makes, solutions first, in course and step order.
    static func jobs(in site: Site) -> [Job] {
        var jobs: [Job] = []
        for kind in [Kind.solution, .starter] {
            for course in site.courses {
                for step in course.steps {
                    jobs += course.languages.map { Job(course: course, step: step, language: $0, kind: kind) }
                }
            }
        }
        return jobs
    }

    /// Makes every run, `jobs` at a time, reporting each as it finishes; returns them in `jobs(in:)` order.
    func verify(_ site: Site, onRun: @escaping @Sendable (Run) -> Void) async -> [Run] {
        let planned = Self.jobs(in: site)
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
