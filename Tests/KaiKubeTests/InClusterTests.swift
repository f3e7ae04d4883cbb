import Foundation
import KaiKube
import Testing

@Suite("In a pod without a kubeconfig, kai uses its service account")
struct InClusterTests {
    private let folder: TemporaryFolder
    private let service = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    init() throws {
        folder = try TemporaryFolder()
    }

    /// A JWT shaped like a service account token (unsigned: kai only reads the subject).
    private func jwt(subject: String) -> String {
        func part(_ json: String) -> String {
            Data(json.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return [part(#"{"alg":"RS256","kid":"k"}"#), part(#"{"iss":"https://kubernetes.default.svc","sub":"\#(subject)"}"#),
                "c2lnbmF0dXJl"].joined(separator: ".")
    }

    /// A mounted service account folder holding `token`, a CA and the namespace `todo-chatbot`.
    @discardableResult
    private func mountServiceAccount(token: String) throws -> String {
        try folder.write("sa/token", token)
        try folder.write("sa/ca.crt", "CLUSTER CA")
        try folder.write("sa/namespace", "todo-chatbot\n")
        return folder.path("sa")
    }

    private func loader(_ environment: [String: String]) -> KubeconfigLoader {
        KubeconfigLoader(environment: environment, homeDirectory: folder.path("home"), serviceAccountDirectory: folder.path("sa"))
    }

    @Test func theServiceAccountIsUsedWhenThereIsNoKubeconfig() async throws {
        let token = jwt(subject: "system:serviceaccount:todo-chatbot:kai")
        let directory = try mountServiceAccount(token: token)
        let endpoint = try loader(service).endpoint()
        #expect(endpoint.server.absoluteString == "https://10.96.0.1:443")
        #expect(endpoint.contextName == "in-cluster")
        #expect(endpoint.clusterName == "in-cluster")
        #expect(endpoint.userName == "system:serviceaccount:todo-chatbot:kai")
        #expect(endpoint.namespace == "todo-chatbot")
        #expect(endpoint.tls.certificateAuthorityPEM == Array("CLUSTER CA".utf8))
        guard case let .tokenFile(path) = endpoint.credentials else {
            Issue.record("expected the token file, got \(endpoint.credentials)")
            return
        }
        #expect(path == directory + "/token")
        #expect(try await endpoint.makeCredentialProvider().credentials().bearerToken == token)
    }

    @Test func anIPv6ServiceHostIsBracketed() throws {
        try mountServiceAccount(token: "opaque")
        let endpoint = try loader(["KUBERNETES_SERVICE_HOST": "fd00:10:96::1", "KUBERNETES_SERVICE_PORT": "6443"]).endpoint()
        #expect(endpoint.server.absoluteString == "https://[fd00:10:96::1]:6443")
    }

    @Test func theNamespaceFlagWinsAndAnOpaqueTokenIsJustAServiceAccount() throws {
        try mountServiceAccount(token: "opaque-token")
        let endpoint = try loader(service).endpoint(KubeconfigSelection(namespace: "elsewhere"))
        #expect(endpoint.namespace == "elsewhere")
        #expect(endpoint.userName == "serviceaccount")
    }

    @Test func aKubeconfigWinsOverTheServiceAccount() throws {
        try mountServiceAccount(token: "opaque")
        try folder.write("home/.kube/config", """
            clusters: [{name: c, cluster: {server: "https://outside"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        #expect(try loader(service).endpoint().server.absoluteString == "https://outside")
    }

    @Test func aPodWithoutAMountedTokenSaysSo() throws {
        let error = try #require(#expect(throws: KubeconfigError.self) { try loader(service).endpoint() })
        #expect(error.reason == .noConfiguration)
        #expect(error.problem.contains(folder.path("sa/token")))
        #expect(error.remedy.contains("automountServiceAccountToken"))
    }

    @Test func withoutTheServiceVariablesThereIsNoInClusterConfig() throws {
        try mountServiceAccount(token: "opaque")
        let error = try #require(#expect(throws: KubeconfigError.self) { try loader([:]).endpoint() })
        #expect(error.reason == .noConfiguration)
        #expect(error.remedy.contains("--kubeconfig"))
    }
}
