import Content
import Foundation
import Sandbox
import Testing

@testable import Grader

/// Request validation: every bad request names the field and the allowed values.
@Suite struct RunRequestValidationTests {
    let validator = RunRequestValidator(site: realSite)

    func error(_ json: String) -> APIError? {
        do {
            _ = try validator.validate(Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsATestSubmission() throws {
        let submission = try validator.validate(
            Data(#"{"lesson":"build-your-own-valkey/02-ping","language":"python","code":"print(1)"}"#.utf8))
        #expect(submission.mode == .test)
        #expect(submission.files == [SourceFile(name: "main.py", contents: "print(1)")])
        #expect(submission.lesson?.step.id == "02-ping")
        #expect(submission.valkey == .none)
    }

    @Test func playgroundDefaultsToRunMode() throws {
        let submission = try validator.validate(Data(#"{"language":"valkey","code":"PING"}"#.utf8))
        #expect(submission.mode == .run)
        #expect(submission.valkey == .standalone)
    }

    @Test func malformedJSON() {
        let e = error("{not json")
        #expect(e?.status == .badRequest)
        #expect(e?.code == "malformed_json")
    }

    @Test func unknownLanguageListsTheAllowedOnes() {
        let e = error(#"{"lesson":"build-your-own-valkey/02-ping","language":"cobol","code":""}"#)
        #expect(e?.status == .badRequest)
        #expect(e?.field == "language")
        #expect(e?.allowed == realSite.lesson("build-your-own-valkey/02-ping")?.course.languages.map(\.id))
        #expect(e?.message.contains("cobol") == true)
    }

    @Test func missingLanguage() {
        let e = error(#"{"code":"x"}"#)
        #expect(e?.code == "missing_field")
        #expect(e?.field == "language")
        #expect(e?.allowed?.contains("python") == true)
    }

    @Test func missingCode() {
        let e = error(#"{"language":"python"}"#)
        #expect(e?.field == "code")
    }

    @Test func wrongTypeNamesTheField() {
        let e = error(#"{"language":"python","code":42}"#)
        #expect(e?.field == "code")
        #expect(e?.message.contains("a number") == true)
    }

    @Test func unknownFieldListsTheFields() {
        let e = error(#"{"langauge":"python","code":"x"}"#)
        #expect(e?.field == "langauge")
        #expect(e?.allowed == RunRequestValidator.fields)
    }

    @Test func unknownModeAndValkey() {
        #expect(error(#"{"language":"python","code":"x","mode":"fast"}"#)?.allowed == ["test", "run"])
        #expect(error(#"{"language":"python","code":"x","valkey":"sentinel"}"#)?.allowed == ["none", "standalone", "cluster"])
    }

    @Test func testModeNeedsALesson() {
        #expect(error(#"{"language":"python","code":"x","mode":"test"}"#)?.field == "lesson")
    }

    @Test func unknownLessonIs404() {
        let e = error(#"{"lesson":"build-your-own-valkey/99-nope","language":"python","code":"x"}"#)
        #expect(e?.status == .notFound)
        #expect(e?.code == "unknown_lesson")
    }

    @Test func fileNamesMustBePlain() {
        #expect(error(#"{"language":"python","files":{"main.py":"x","../etc/passwd":"y"}}"#)?.field == "files")
        #expect(error(#"{"language":"python","files":{"other.py":"x"}}"#)?.message.contains("main.py") == true)
        #expect(error(#"{"language":"python","files":{"main.py":"x","-rf":"y"}}"#)?.field == "files")
        #expect(error(#"{"language":"python","files":{"main.py":"x","a..b":"y"}}"#)?.field == "files")
    }
}
