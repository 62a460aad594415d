import Foundation
import Sandbox
import Testing

@Suite struct LearnerMessagesTests {
    struct MessagesFile: Decodable {
        var timeoutCauses: [String: String]
        var memoryAdvice: String
    }

    @Test func theGraderSaysWhatTheRunnerSays() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("runner/messages.json")
        let file = try JSONDecoder().decode(MessagesFile.self, from: Data(contentsOf: url))
        #expect(file.timeoutCauses == LearnerMessages.timeoutCauses)
        #expect(file.memoryAdvice == LearnerMessages.memoryAdvice)
    }
}
