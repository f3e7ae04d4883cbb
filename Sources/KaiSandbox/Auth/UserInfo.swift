/// Who a request acts as, as the API server's authenticators name them: a user name and the
/// groups RBAC subjects can match.
public struct UserInfo: Sendable, Hashable {
    public let name: String
    public let groups: [String]

    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }

    /// The group whose members the API server never restricts.
    public static let mastersGroup = "system:masters"
    /// The group every authenticated identity belongs to.
    public static let authenticatedGroup = "system:authenticated"

    /// The sandbox's administrator: requests without credentials on plain HTTP (the identity
    /// the kubeconfig's client certificate, `CN=kai-sandbox-admin, O=system:masters`, names on HTTPS).
    public static let admin = UserInfo(name: "kai-sandbox-admin", groups: [mastersGroup, authenticatedGroup])

    /// Who a request without credentials is over HTTPS.
    public static let anonymous = UserInfo(name: "system:anonymous", groups: ["system:unauthenticated"])

    /// A service account's identity: `system:serviceaccount:NS:NAME` in the groups
    /// `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`.
    public static func serviceAccount(namespace: String, name: String) -> UserInfo {
        UserInfo(name: "\(serviceAccountPrefix)\(namespace):\(name)",
                 groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", authenticatedGroup])
    }

    static let serviceAccountPrefix = "system:serviceaccount:"

    /// The namespace and name when this is a service account's user name.
    public var serviceAccount: (namespace: String, name: String)? {
        guard name.hasPrefix(Self.serviceAccountPrefix) else { return nil }
        let parts = name.dropFirst(Self.serviceAccountPrefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// Whether RBAC is bypassed, as it is for `system:masters`.
    var isUnrestricted: Bool { groups.contains(Self.mastersGroup) }
}
