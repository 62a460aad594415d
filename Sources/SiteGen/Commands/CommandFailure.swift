import Foundation

/// Prints a failed command's error to standard error, the way a user reads it.
enum CommandFailure {
    static func report(_ error: any Error) {
        FileHandle.standardError.write(Data("sitegen: \(error)\n".utf8))
    }
}
