/// Text made safe to write to a terminal. Everything kai writes passes through ``visible(_:keepingColour:)``
/// (``Console`` and ``StatusLine`` call it), so what a cluster, a model or a provider sent can never
/// move the cursor, clear the screen, set the window title, write the clipboard (OSC 52), make
/// a hyperlink (OSC 8) or ring the bell: control characters are shown as text instead.
///
/// ```swift
/// TerminalText.visible("\u{1B}]0;pwned\u{07}done\r")  // "\\e]0;pwned\\adone\\r"
/// ```
public enum TerminalText {
    /// `text` with every control character written out visibly: ESC as `\e`, carriage return as
    /// `\r`, BEL as `\a`, backspace as `\b`, other C0 controls and DEL in caret notation (`^X`,
    /// `^?`), C1 controls and bidirectional overrides as `\u{…}`. Tabs and newlines are kept, and
    /// a carriage return just before a newline is dropped (a Windows line end). With
    /// `keepingColour`, the few colour codes ``Paint`` writes (`ESC[0m`, `1`, `2`, `31`, `32`, `33`)
    /// are kept; no other sequence is.
    public static func visible(_ text: String, keepingColour: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var scalars = Array(text.unicodeScalars)[...]
        var shown = String.UnicodeScalarView()
        while let scalar = scalars.first {
            if keepingColour, scalar == "\u{1B}", let code = colourCode(scalars) {
                shown.append(contentsOf: code)
                scalars = scalars.dropFirst(code.count)
                continue
            }
            scalars = scalars.dropFirst()
            if scalar == "\r", scalars.first == "\n" { continue }
            if needsEscaping(scalar) { shown.append(contentsOf: escaped(scalar).unicodeScalars) } else { shown.append(scalar) }
        }
        return String(shown)
    }

    /// The colour sequences ``Paint`` writes: the only ones let through, and only on a terminal with colour on.
    private static let colours = ["0", "1", "2", "31", "32", "33"].map { Array("\u{1B}[\($0)m".unicodeScalars) }

    private static func colourCode(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
        colours.first { scalars.starts(with: $0) }
    }

    private static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: "\\e"
        case 0x0D: "\\r"
        case 0x07: "\\a"
        case 0x08: "\\b"
        case 0x7F: "^?"
        case 0x00...0x1F: "^" + String(Unicode.Scalar(UInt8(scalar.value) + 0x40))
        default: "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
}
