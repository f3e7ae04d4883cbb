import Foundation

/// Where kai writes for people and scripts: standard output and standard error.
///
/// The only place in kai that writes output to the terminal. Writing ends the live status line
/// first. Every text goes through ``TerminalText/visible(_:keepingColour:)``, so a control
/// sequence from the cluster, a model or a provider is shown as text and never acted on; `-o json`
/// has none to show (JSON escapes them).
public enum Console {
    /// Writes `text` to standard output, control characters made visible.
    public static func out(_ text: String) {
        StatusLine.standardError.clear()
        FileHandle.standardOutput.write(Data(TerminalText.visible(text, keepingColour: Paint.standardOutput.enabled).utf8))
    }

    /// Writes `text` to standard error, control characters made visible.
    public static func error(_ text: String) {
        StatusLine.standardError.clear()
        FileHandle.standardError.write(Data(TerminalText.visible(text, keepingColour: Paint.standardError.enabled).utf8))
    }
}
