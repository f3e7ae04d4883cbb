import Foundation

/// Turns an HTTP error answer (with its `metav1.Status` body) into a ``KubeError`` that says
/// which call failed, why, and what to do.
struct StatusExplainer: Sendable {
    let server: String
    let user: String

    func error(status: Int, body: [UInt8], action: APIAction) -> KubeError {
        let detail = Self.message(in: body, status: status)
        let said = detail.map { " The cluster said: \($0)" } ?? ""
        switch status {
        case 401:
            return KubeError(.unauthorized, statusCode: status,
                             problem: "The cluster at \(server) did not accept the credentials of \(user) (401 Unauthorized).\(said)",
                             remedy: "Log in again or refresh the kubeconfig's credentials (for minikube: `minikube update-context`), then retry.")
        case 403:
            return KubeError(.forbidden, statusCode: status,
                             problem: "\(actor) may not \(action.verb) \(action.rbacResource) \(action.scope) (403 Forbidden).\(said)",
                             remedy: "Grant it with a Role allowing \"\(action.verb)\" on \"\(action.rbacResource)\"\(apiGroup(action)) \(action.scope) bound to \(user) (the kai chart's Role does); `kubectl auth can-i \(action.verb) \(action.rbacResource)\(action.namespace.map { " -n \($0)" } ?? "")` checks it.")
        case 404:
            return KubeError(.notFound, statusCode: status,
                             problem: "\(action.object.capitalizedFirst) was not found \(action.scope) (404).",
                             remedy: "Check the name with \"list \(action.resource.plural)\"; it may have been deleted or renamed since the plan was made.")
        case 409:
            return KubeError(.conflict, statusCode: status,
                             problem: "Could not \(action.verb) \(action.object) \(action.scope): it was changed by someone else at the same time (409 Conflict).\(said)",
                             remedy: "Look at its current state and ask again.")
        case 410:
            return KubeError(.expired, statusCode: status,
                             problem: "The watch of \(action.object) \(action.scope) resumed from a version the cluster no longer keeps (410 Gone).",
                             remedy: "Read it again from the current state.")
        case 400, 422:
            return KubeError(.invalid, statusCode: status,
                             problem: "The cluster refused to \(action.verb) \(action.object) \(action.scope) as invalid (\(status)).\(said)",
                             remedy: "Nothing was changed by this call; correct the value and ask again.")
        case 429:
            return KubeError(.throttled, statusCode: status,
                             problem: "The cluster at \(server) kept refusing to \(action.verb) \(action.object): too many requests (429).\(said)",
                             remedy: "Wait a little and ask again; the API server is rate-limiting this client.")
        case 500...599:
            return KubeError(.serverError, statusCode: status,
                             problem: "The cluster at \(server) failed to \(action.verb) \(action.object) \(action.scope) (\(status)) every time kai tried.\(said)",
                             remedy: "Check the API server's health (`kubectl get --raw /readyz`) and ask again.")
        default:
            return KubeError(.unexpectedStatus, statusCode: status,
                             problem: "The cluster answered \(status) to \(action).\(said)",
                             remedy: "Check the kubeconfig's server address points at a Kubernetes API server.")
        }
    }

    /// Who was refused, in words: "the service account todo-chatbot/kai", "user minikube".
    private var actor: String {
        let prefix = "system:serviceaccount:"
        guard user.hasPrefix(prefix) else { return "User \(user)" }
        let parts = user.dropFirst(prefix.count).split(separator: ":")
        return parts.count == 2 ? "The service account \(parts[0])/\(parts[1])" : "The service account \(user)"
    }

    private func apiGroup(_ action: APIAction) -> String {
        " in API group \"\(action.resource.group)\""
    }

    /// The `message` of a `metav1.Status` body (with its field causes), or nil when the body is not one.
    static func message(in body: [UInt8], status: Int) -> String? {
        guard let document = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        guard var message = document["message"] as? String, !message.isEmpty else { return nil }
        if let details = document["details"] as? [String: Any], let causes = details["causes"] as? [[String: Any]] {
            let fields = causes.compactMap { cause -> String? in
                guard let text = cause["message"] as? String else { return nil }
                return (cause["field"] as? String).map { "\($0): \(text)" } ?? text
            }
            if !fields.isEmpty, !fields.allSatisfy(message.contains) { message += " (" + fields.joined(separator: "; ") + ")" }
        }
        return ClusterText.clip(message, limit: 400)
    }
}

extension String {
    /// The string with its first letter in upper case: "deployment x" -> "Deployment x".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
