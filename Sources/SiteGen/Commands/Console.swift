import Foundation

/// Writes progress lines to standard output unbuffered, so they reach a log file or a CI console as they
/// happen (`print` buffers when stdout is not a terminal).
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
