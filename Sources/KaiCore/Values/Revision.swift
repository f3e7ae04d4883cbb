/// A rollout revision number, as `kubectl rollout history` lists them (1, 2, 3 ...).
public struct Revision: Sendable, Hashable, CustomStringConvertible {
    public let value: Int

    /// Validates `value`: revisions start at 1.
    public init(_ value: Int) throws(ValueError) {
        guard value >= 1 else {
            throw ValueError(problem: "\(value) is not a revision: revisions are numbered from 1.",
                             remedy: "See the deployment's revisions with \"rollout history\".")
        }
        self.value = value
    }

    public var description: String { String(value) }
}
