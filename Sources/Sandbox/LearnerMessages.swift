/// What the learner is told about running out of time or memory. The runner says it when it
/// notices; the grader says the same when it has to (the runner could not answer). The
/// runner reads `runner/messages.json`; `LearnerMessagesTests` keeps this copy equal to it.
public enum LearnerMessages {
    /// The usual causes of a timeout, by mode (`test`, `run`).
    public static let timeoutCauses = [
        "test": "Usual causes: an infinite loop; a read that waits for data the client never sends (such as "
            + "reading until the connection closes); a reply that is never sent; or waiting on a connection "
            + "that never closes.",
        "run": "Usual causes: an infinite loop; waiting for input that never comes (stdin is empty); or a "
            + "connection left open, which keeps the program alive (close your Valkey client at the end).",
    ]

    public static let memoryAdvice =
        "Look for data that grows without bound, such as a buffer that is never emptied or a list that is appended to in a loop."
}
