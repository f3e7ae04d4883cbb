import Foundation
import KaiCore
import KaiKube
import KaiSandbox
import KaiTestSupport
import Testing

/// kai in a pod, as the chart runs it: no kubeconfig, the API server from the service
/// variables, and the mounted service account folder (a token from the TokenRequest API, the
/// cluster's CA, the namespace). The sandbox over HTTPS verifies the token and authorizes it by RBAC.
@Suite("In a pod, kai reaches the API server as its service account", .serialized)
struct InClusterSandboxTests {
    @Test func thePodsTokenAndCAReachTheSandboxAndRBACDecides() async throws {
        let certificates = try SandboxCertificates.generate()
        let server = try await SandboxServer.seeded()
        let running = try await server.start(port: 0, tls: certificates)
        let folder = try TemporaryFolder()
        do {
            let admin = folder.path("admin.kubeconfig")
            try SandboxKubeconfig.write(server: running.url, certificates: certificates, to: admin)
            func kubectl(_ arguments: String...) async throws -> ChildProcess.Result {
                try await ChildProcess.run(program: "kubectl", ["--kubeconfig", admin, "-n", "todo-chatbot"] + arguments,
                                           environment: ["HOME": folder.path("home")])
            }
            #expect(try await kubectl("create", "serviceaccount", "kai").status == 0)
            #expect(try await kubectl("create", "role", "reader", "--verb=list", "--resource=pods").status == 0)
            #expect(try await kubectl("create", "rolebinding", "kai", "--role=reader", "--serviceaccount=todo-chatbot:kai").status == 0)
            let token = try await kubectl("create", "token", "kai")
            #expect(token.status == 0, "\(token.stderr)")
            // What the kubelet mounts at /var/run/secrets/kubernetes.io/serviceaccount.
            try folder.write("sa/token", token.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            try folder.write("sa/ca.crt", certificates.caCertificatePEM)
            try folder.write("sa/namespace", "todo-chatbot")

            let port = try #require(running.url.port)
            let loader = KubeconfigLoader(environment: ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": String(port)],
                                          homeDirectory: folder.path("home"), serviceAccountDirectory: folder.path("sa"))
            let endpoint = try loader.endpoint()
            #expect(endpoint.userName == "system:serviceaccount:todo-chatbot:kai")
            let client = try KubeClient(endpoint: endpoint, credentials: endpoint.makeCredentialProvider(),
                                        settings: ClientSettings(requestTimeout: .seconds(20)))
            let pods = try await client.list(Pod.self, .pods, in: endpoint.namespace)
            #expect(pods.items.count == TodoStackSeed.components.reduce(0) { $0 + $1.replicas })
            let refused = await #expect(throws: KubeError.self) {
                try await client.delete(.pods, try #require(pods.items.first?.metadata.name), in: endpoint.namespace)
            }
            #expect(refused?.reason == .forbidden)
            #expect(refused?.problem.contains("The service account todo-chatbot/kai may not delete pods in namespace todo-chatbot (403 Forbidden).") == true,
                    "\(refused?.problem ?? "")")
            await client.shutdown()
            await running.stop()
        } catch {
            await running.stop()
            throw error
        }
    }
}
