/// How much an operation can hurt, which decides how it is confirmed.
///
/// read: runs at once · change: asks y/N · disruptive: the person types the target's name.
public enum Risk: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case read, change, disruptive

    private var rank: Int {
        switch self {
        case .read: 0
        case .change: 1
        case .disruptive: 2
        }
    }

    public static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rank < rhs.rank }
}
