import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Grader

/// Only the site itself, or an allowed origin, may use the API from a browser.
@Suite struct OriginTests {
    static func app(allowed: [String]) -> some ApplicationProtocol {
        let router = Router(context: GraderRequestContext.self)
        router.add(middleware: OriginMiddleware(allowedOrigins: allowed))
        router.post("/api/run-code") { _, _ -> String in "ran" }
        router.post("/api/fails") { _, _ -> String in throw APIError.malformed("nope") }
        return Application(router: router)
    }

    @Test func eachAllowedOriginIsAnsweredWithItself() async throws {
        let allowed = ["https://learn.example.com", "https://preview.example.com"]
        try await Self.app(allowed: allowed).test(.router) { client in
            for origin in allowed {
                let response = try await client.execute(uri: "/api/run-code", method: .post, headers: [.origin: origin])
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == origin)
                #expect(response.headers[values: .vary].contains("Origin"))
            }
            let failing = try await client.execute(uri: "/api/fails", method: .post, headers: [.origin: allowed[1]])
            #expect(failing.status == .badRequest)
            #expect(failing.headers[.accessControlAllowOrigin] == allowed[1], "errors must be readable by the page too")

            let preflight = try await client.execute(uri: "/api/run-code", method: .options, headers: [.origin: allowed[0]])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == allowed[0])
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Content-Type") == true)
        }
    }

    @Test func otherOriginsAreRefused() async throws {
        try await Self.app(allowed: ["https://learn.example.com"]).test(.router) { client in
            for origin in ["https://evil.example", "null", "https://learn.example.com.evil.example", "http://learn.example.com"] {
                let response = try await client.execute(uri: "/api/run-code", method: .post, headers: [.origin: origin])
                #expect(response.status == .forbidden, "\(origin)")
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                #expect(String(buffer: response.body).contains("origin_not_allowed"))
            }
        }
    }

    @Test func theGradersOwnPagesAndNonBrowsersMay() {
        #expect(OriginMiddleware.isSameOrigin("http://localhost:8080", host: "localhost:8080"))
        #expect(OriginMiddleware.isSameOrigin("https://Learn.Example.com", host: "learn.example.com"))
        #expect(!OriginMiddleware.isSameOrigin("http://localhost:8081", host: "localhost:8080"))
        #expect(!OriginMiddleware.isSameOrigin("null", host: "localhost:8080"))
        #expect(!OriginMiddleware.isSameOrigin("http://localhost:8080", host: nil))
    }
}
