import Foundation
import Testing

@testable import SiteGen

@Suite("Rendering parts")
struct RenderingPartsTests {
    @Test func scriptJSONCannotCloseItsScriptElement() {
        let json = ScriptJSON.encode(["code": "</script><!-- & -->"])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let decoded = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded?["code"] == "</script><!-- & -->")
    }

    @Test func urlLayoutTakesItsRootFromTheBaseURL() {
        #expect(URLLayout(baseURL: "https://x.org").root == "")
        #expect(URLLayout(baseURL: "https://x.org/").root == "")
        #expect(URLLayout(baseURL: "https://x.org/docs/").root == "/docs")
        #expect(URLLayout(baseURL: "https://x.org/docs").href("courses/a/") == "/docs/courses/a/")
        #expect(URLLayout(baseURL: "https://x.org/docs").href(authored: "/about/") == "/docs/about/")
        #expect(URLLayout(baseURL: "https://x.org/docs").href(authored: "https://valkey.io") == "https://valkey.io")
    }

    @Test func fingerprintedNamesKeepTheExtension() {
        let name = Fingerprint.name(for: "js/step.js", contents: Data("a".utf8))
        #expect(name.wholeMatch(of: /js\/step\.[0-9a-f]{10}\.js/) != nil)
        #expect(name != Fingerprint.name(for: "js/step.js", contents: Data("b".utf8)))
        #expect(ThemeAssets.templateKey(for: "css/site.css") == "css_site_css")
    }

    @Test func themeListsTheIDsItsTemplatesUse() async throws {
        let theme = try await Theme.load(from: SiteFixture.theme)
        #expect(theme.elementIDs.isSuperset(of: ["run-button", "results", "result-status", "test-results", "main"]))
    }

    @Test func aThemeWithoutARequiredTemplateIsRejected() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("{{<layout}}{{/layout}}".utf8).write(to: folder.appendingPathComponent("templates/home.mustache"))
        await #expect {
            _ = try await Theme.load(from: folder)
        } throws: { error in
            "\(error)".contains("templates/step.mustache")
        }
    }
}
