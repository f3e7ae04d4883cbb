import KaiCore

/// A call to the Kubernetes API that failed, in words a person can act on.
///
/// ```swift
/// catch let error as KubeError where error.reason == .forbidden { … }
/// ```
public struct KubeError: KaiError, Equatable {
    /// Which class of failure this is; decides retries and the exit code.
    public enum Reason: String, Sendable, Hashable {
        /// 401: the credentials were not accepted.
        case unauthorized
        /// 403: RBAC does not allow the call.
        case forbidden
        /// 404: the object (or the API) does not exist.
        case notFound
        /// 409: the object changed since it was read, or already exists.
        case conflict
        /// 422: the server refused the change as invalid.
        case invalid
        /// 410: a watch resumed from a version the server no longer has.
        case expired
        /// 429 after every retry.
        case throttled
        /// 5xx after every retry.
        case serverError
        /// Any other status the call did not expect.
        case unexpectedStatus
        /// The connection was refused, reset or could not be resolved.
        case unreachable
        /// The server did not answer within the deadline.
        case timedOut
        /// The TLS handshake failed: certificates, CA or server name.
        case tls
        /// The server answered with something that is not the Kubernetes object expected.
        case malformedResponse
    }

    public let reason: Reason
    /// The HTTP status, when the server answered.
    public let statusCode: Int?
    public let problem: String
    public let remedy: String

    /// An error of class `reason`, explained by `problem` and `remedy`.
    public init(_ reason: Reason, statusCode: Int? = nil, problem: String, remedy: String) {
        self.reason = reason
        self.statusCode = statusCode
        self.problem = problem
        self.remedy = remedy
    }

    public var category: FailureCategory {
        switch reason {
        case .unreachable, .timedOut, .tls: .unreachable
        case .unauthorized: .usage
        default: .operationFailed
        }
    }
}
