import Foundation
import KaiCore

/// A comparison a runbook check makes on a deployment's replica counts: `readyReplicas >= 2`.
///
/// ```swift
/// let condition = try ReplicaCondition(field: .readyReplicas, text: ">= 2")
/// condition.holds(for: 3)  // true
/// ```
public struct ReplicaCondition: Sendable, Hashable, CustomStringConvertible {
    /// The counts a check can compare, as the deployment's API fields name them.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// `status.readyReplicas`.
        case readyReplicas
        /// `spec.replicas`: how many the deployment asks for.
        case replicas
        /// `status.availableReplicas`.
        case availableReplicas
    }

    /// How the count is compared.
    public enum Comparator: String, Sendable, Hashable, CaseIterable {
        // Two-character operators first, so ">=" is not read as ">" followed by "=2".
        case atLeast = ">=", atMost = "<=", equal = "==", above = ">", below = "<"
    }

    public let field: Field
    public let comparator: Comparator
    public let value: Int

    /// A condition on `field`.
    public init(field: Field, comparator: Comparator, value: Int) {
        self.field = field
        self.comparator = comparator
        self.value = value
    }

    /// Parses `text` such as ">= 2", "<3", "== 1", or a bare number (meaning ==).
    public init(field: Field, text: String) throws(ValueError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let comparator = Comparator.allCases.first { trimmed.hasPrefix($0.rawValue) }
        let number = trimmed.dropFirst(comparator?.rawValue.count ?? 0).trimmingCharacters(in: .whitespaces)
        guard let value = Int(number), value >= 0 else {
            throw ValueError(problem: "\"\(text)\" is not a comparison of \(field.rawValue).",
                             remedy: "Write an operator (>=, <=, ==, >, <) and a whole number, e.g. \">= 2\".")
        }
        self.init(field: field, comparator: comparator ?? .equal, value: value)
    }

    /// Whether the condition is true when the field's count is `actual`.
    public func holds(for actual: Int) -> Bool {
        switch comparator {
        case .atLeast: actual >= value
        case .atMost: actual <= value
        case .equal: actual == value
        case .above: actual > value
        case .below: actual < value
        }
    }

    /// "readyReplicas >= 2".
    public var description: String { "\(field.rawValue) \(comparator.rawValue) \(value)" }
}
