/// How a change can be put back.
public enum Undo: Sendable, Hashable {
    /// A read: nothing to put back.
    case notNeeded
    /// The operation that restores the state before the change.
    case operation(CatalogOperation)
    /// The change cannot be reversed by the catalog, and why.
    case irreversible(String)
    /// The state before the change is not known yet; the executor records it when it runs.
    case unknownUntilRun
}
