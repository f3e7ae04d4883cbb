import Foundation
@testable import KaiSandbox
import KaiTestSupport
import Testing

/// The sandbox authenticates service-account tokens and authorizes them by RBAC, as an API
/// server does, judged by the real kubectl: `kubectl create token`, requests as the account,
/// `kubectl auth can-i` with the token and with `--as`.
@Suite("RBAC for service accounts, through kubectl", .serialized)
struct AuthorizationTests {
    private static let reader = "system:serviceaccount:todo-chatbot:reader"

    /// Creates service account `reader` with Roles that read pods and their logs, get
    /// deployments and scale them (what `kubectl scale` needs), and returns a kubeconfig holding a token `kubectl create token` got for it.
    private func reader(_ sandbox: SandboxHarness, _ certificates: SandboxCertificates) async throws -> String {
        for arguments in [["create", "serviceaccount", "reader"],
                          ["create", "role", "reader", "--verb=get,list,watch", "--resource=pods,pods/log"],
                          ["create", "role", "deployments", "--verb=get", "--resource=deployments.apps"],
                          ["create", "role", "scaler", "--verb=update,patch", "--resource=deployments.apps/scale"],
                          ["create", "rolebinding", "deployments", "--role=deployments", "--serviceaccount=todo-chatbot:reader"],
                          ["create", "rolebinding", "reader", "--role=reader", "--serviceaccount=todo-chatbot:reader"],
                          ["create", "rolebinding", "scaler", "--role=scaler", "--serviceaccount=todo-chatbot:reader"]] {
            let result = try await sandbox.kubectl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let token = try await sandbox.kubectl("create", "token", "reader", "--duration=20m")
        #expect(token.status == 0, "\(token.stderr)")
        #expect(token.stdout.split(separator: ".").count == 3, "a JWT: \(token.stdout)")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kai-reader-\(UUID().uuidString).kubeconfig").path
        try SandboxKubeconfig.write(SandboxKubeconfig.text(server: sandbox.url, certificates: certificates,
                                                           token: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                                                           user: Self.reader), to: path)
        return path
    }

    @Test func aServiceAccountTokenIsAuthorizedByItsRoleAndNothingElse() async throws {
        let certificates = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            let kubeconfig = try await reader(sandbox, certificates)
            defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
            func run(_ arguments: String...) async throws -> SandboxHarness.Result { try await sandbox.kubectl(arguments, kubeconfig: kubeconfig) }

            let pods = try await run("get", "pods")
            #expect(pods.status == 0, "\(pods.stderr)")
            #expect(pods.stdout.contains("todo-chatbot-backend-"))
            let pod = try #require(pods.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
            let logs = try await sandbox.eventually(["logs", pod, "--tail=1", "--kubeconfig", kubeconfig]) { $0.status == 0 }
            #expect(logs.status == 0, "\(logs.stderr)")
            let scaled = try await run("scale", "deployment/todo-chatbot-frontend", "--replicas=2")
            #expect(scaled.status == 0, "\(scaled.stderr)")

            let delete = try await run("delete", "pod", pod)
            #expect(delete.status != 0)
            #expect(delete.stderr.contains(#"Error from server (Forbidden): pods "\#(pod)" is forbidden: User "\#(Self.reader)" cannot delete resource "pods" in API group "" in the namespace "todo-chatbot""#), "\(delete.stderr)")
            let secrets = try await run("get", "secrets")
            #expect(secrets.stderr.contains(#"secrets is forbidden: User "\#(Self.reader)" cannot list resource "secrets" in API group "" in the namespace "todo-chatbot""#), "\(secrets.stderr)")
            let elsewhere = try await run("get", "pods", "-n", "default")
            #expect(elsewhere.stderr.contains(#"cannot list resource "pods" in API group "" in the namespace "default""#), "\(elsewhere.stderr)")
            let nodes = try await run("get", "nodes")
            #expect(nodes.stderr.contains(#"cannot list resource "nodes" in API group "" at the cluster scope"#), "\(nodes.stderr)")
            let patch = try await run("set", "image", "deployment/todo-chatbot-frontend", "frontend=todo-frontend:1.3.0")
            #expect(patch.stderr.contains(#"deployments.apps "todo-chatbot-frontend" is forbidden"#), "\(patch.stderr)")

            // The administrator is never restricted, and sees every decision made for the account.
            #expect(try await sandbox.kubectl("get", "secrets").status == 0)
            let decisions = await sandbox.server.audit.decisions(of: Self.reader)
            #expect(decisions.contains { $0.request.verb == "delete" && $0.request.resource == "pods" && !$0.allowed })
            #expect(decisions.contains { $0.request.combinedResource == "deployments/scale" && $0.request.verb == "patch" && $0.allowed })
        }
    }

    @Test func kubectlAuthCanIAnswersForTheTokenAndThroughImpersonation() async throws {
        let certificates = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            let kubeconfig = try await reader(sandbox, certificates)
            defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
            let questions: [([String], String)] = [
                (["list", "pods"], "yes"), (["get", "pods", "--subresource=log"], "yes"), (["delete", "pods"], "no"),
                (["get", "secrets"], "no"), (["update", "deployments.apps", "--subresource=scale"], "yes"),
                (["patch", "deployments.apps"], "no"), (["list", "pods", "-n", "default"], "no"),
                (["create", "selfsubjectaccessreviews.authorization.k8s.io"], "yes"),
            ]
            for (question, answer) in questions {
                let asToken = try await sandbox.kubectl(["auth", "can-i"] + question, kubeconfig: kubeconfig)
                #expect(asToken.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == answer, "with the token, \(question): \(asToken.stdout) \(asToken.stderr)")
                let impersonated = try await sandbox.kubectl(["auth", "can-i", "--as=\(Self.reader)"] + question)
                #expect(impersonated.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == answer, "with --as, \(question): \(impersonated.stdout) \(impersonated.stderr)")
            }
            let admin = try await sandbox.kubectl("auth", "can-i", "delete", "namespaces")
            #expect(admin.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes")
            let impersonating = try await sandbox.kubectl(["get", "pods", "--as=system:serviceaccount:todo-chatbot:default"], kubeconfig: kubeconfig)
            #expect(impersonating.stderr.contains(#"serviceaccounts "default" is forbidden: User "\#(Self.reader)" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "todo-chatbot""#), "\(impersonating.stderr)")
        }
    }

    @Test func aTokenIsRefusedOnceItsAccountIsGoneOrWhenTheSandboxNeverIssuedIt() async throws {
        let certificates = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            let kubeconfig = try await reader(sandbox, certificates)
            defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
            #expect(try await sandbox.kubectl(["get", "pods"], kubeconfig: kubeconfig).status == 0)
            let short = try await sandbox.kubectl("create", "token", "reader", "--duration=1m")
            #expect(short.stderr.contains("may not specify a duration less than 10 minutes"), "\(short.stderr)")
            let missing = try await sandbox.kubectl("create", "token", "nobody")
            #expect(missing.stderr.contains(#"serviceaccounts "nobody" not found"#), "\(missing.stderr)")

            #expect(try await sandbox.kubectl("delete", "serviceaccount", "reader").status == 0)
            let gone = try await sandbox.kubectl(["get", "pods"], kubeconfig: kubeconfig)
            #expect(gone.stderr.contains("You must be logged in to the server (Unauthorized)"), "\(gone.stderr)")
            // A new account of the same name has a new uid: the old token stays refused.
            #expect(try await sandbox.kubectl("create", "serviceaccount", "reader").status == 0)
            let recreated = try await sandbox.kubectl(["get", "pods"], kubeconfig: kubeconfig)
            #expect(recreated.stderr.contains("Unauthorized"), "\(recreated.stderr)")
        }
    }
}
