/// SelfSubjectAccessReviews ("may I?", `kubectl auth can-i`) and SubjectAccessReviews ("may
/// they?"), answered by the same RBAC evaluation that decides real requests. Reviews are not
/// stored: the answer is the review sent back with its `status` filled in.
enum AccessReview {
    static let kinds: Set<String> = ["SelfSubjectAccessReview", "SubjectAccessReview"]

    /// Answers `review` of `kind`, sent by `requester`.
    static func answer(_ review: JSONValue, kind: String, requester: UserInfo, authorizer: RBACAuthorizer) async throws(APIError) -> JSONValue {
        let spec = review["spec"]
        let subject: UserInfo
        if kind == "SelfSubjectAccessReview" {
            subject = requester
        } else {
            let user = spec["user"].string ?? ""
            let groups = (spec["groups"].array ?? []).compactMap(\.string)
            guard !user.isEmpty || !groups.isEmpty else {
                throw invalid(kind, "spec.user: Invalid value: \"\": at least one of user or group must be specified")
            }
            subject = UserInfo(name: user, groups: groups)
        }
        let attributes = try attributes(of: spec, kind: kind)
        let decision = await authorizer.authorize(subject, attributes)
        var answer = review
        answer["apiVersion"] = "authorization.k8s.io/v1"
        answer["kind"] = .string(kind)
        if answer["metadata"].isNull { answer["metadata"] = [:] }
        var status: JSONValue = ["allowed": .bool(decision.allowed)]
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        answer["status"] = status
        return answer
    }

    private static func attributes(of spec: JSONValue, kind: String) throws(APIError) -> RequestAttributes {
        let resource = spec["resourceAttributes"], path = spec["nonResourceAttributes"]
        switch (resource.isNull, path.isNull) {
        case (false, true):
            return RequestAttributes(verb: resource["verb"].string ?? "", group: resource["group"].string ?? "",
                                     resource: resource["resource"].string ?? "", subresource: resource["subresource"].string ?? "",
                                     name: resource["name"].string ?? "", namespace: resource["namespace"].string ?? "")
        case (true, false):
            return RequestAttributes(verb: path["verb"].string ?? "", path: path["path"].string ?? "")
        default:
            throw invalid(kind, "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified")
        }
    }

    private static func invalid(_ kind: String, _ why: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "\(kind).authorization.k8s.io \"\" is invalid: \(why)",
                 details: ["group": "authorization.k8s.io", "kind": .string(kind)])
    }
}
