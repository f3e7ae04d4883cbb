import Foundation

/// Where kai writes for people and scripts: standard output and standard error.
///
/// The only place in kai that writes to the terminal.
public enum Console {
    /// Writes `text` to standard output as it is.
    public static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` to standard error as it is.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
