import Foundation

/// Where kai writes for people and scripts: standard output and standard error.
///
/// The only place in kai that writes to the terminal. Writing ends the live status line first.
public enum Console {
    /// Writes `text` to standard output as it is.
    public static func out(_ text: String) {
        StatusLine.standardError.clear()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` to standard error as it is.
    public static func error(_ text: String) {
        StatusLine.standardError.clear()
        FileHandle.standardError.write(Data(text.utf8))
    }
}
