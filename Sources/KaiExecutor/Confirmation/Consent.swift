/// What the command line allows without asking: design.md's `--yes` and `--allow-disruptive`.
public struct Consent: Sendable, Hashable {
    /// `--yes`: change-level steps run without asking.
    public var yes: Bool
    /// `--allow-disruptive`: with `--yes`, disruptive steps run without asking too.
    public var allowDisruptive: Bool

    /// Consent as given on the command line; both false means "ask for everything".
    public init(yes: Bool = false, allowDisruptive: Bool = false) {
        self.yes = yes
        self.allowDisruptive = allowDisruptive
    }
}

/// Asks the person at the terminal. The terminal layer provides it; without a terminal there is none.
public protocol Confirmer: Sendable {
    /// Asks y/N for the plan's changes, shown as `summaries`; true only for an explicit yes.
    func confirmChanges(_ summaries: [String]) async -> Bool
    /// Asks the person to type `name` to allow the step `summary`, shown after `label` (why a name is
    /// asked for: "Disruptive", "Suggested, not asked for"); true only when they typed it exactly.
    func confirmByName(_ name: String, for summary: String, label: String) async -> Bool
}
