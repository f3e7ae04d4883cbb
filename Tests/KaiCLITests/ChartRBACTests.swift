import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// The proof of kai's least privilege: with the chart installed by real Helm (kai enabled), kai
/// itself runs with a kubeconfig holding its service account's token (from the TokenRequest
/// API) against the sandbox, which authorizes every request by the Role as installed. Every
/// catalog operation succeeds; every permission the Role grants is used by one; Secrets,
/// deleting deployments and anything outside the namespace are refused with the API server's 403.
@Suite("kai's service account from the chart's Role", .serialized)
struct ChartRBACTests {
    private static let account = "system:serviceaccount:todo-chatbot:todo-chatbot-kai"

    /// Runs one request as kai's account with `-o json`; its steps must all succeed.
    private func expectSucceeds(_ request: String, _ cluster: ChartCluster, kubeconfig: String,
                                sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await cluster.kai(["--yes", "--allow-disruptive", "-o", "json", request], kubeconfig: kubeconfig)
        #expect(result.status == 0, "\(request): \(result.stdout) \(result.stderr)", sourceLocation: sourceLocation)
        let document = try result.json()
        let results = document["results"] as? [[String: Any]] ?? []
        #expect(!results.isEmpty, "\(request): \(result.stdout)", sourceLocation: sourceLocation)
        for step in results {
            #expect(["succeeded", "unchanged"].contains(step["status"] as? String ?? ""), "\(request): \(step)", sourceLocation: sourceLocation)
        }
    }

    /// The (verb, API group, resource) triples the installed Role grants.
    private func granted(_ cluster: ChartCluster) async throws -> Set<String> {
        let role = try await cluster.kubectl(["-n", "todo-chatbot", "get", "role", "todo-chatbot-kai", "-o", "json"])
        let rules = try #require(try role.json()["rules"] as? [[String: Any]], "\(role.stderr)")
        var triples = Set<String>()
        for rule in rules {
            for verb in rule["verbs"] as? [String] ?? [] {
                for group in rule["apiGroups"] as? [String] ?? [] {
                    for resource in rule["resources"] as? [String] ?? [] { triples.insert("\(verb) \(group)/\(resource)") }
                }
            }
            #expect(rule["resourceNames"] == nil && rule["nonResourceURLs"] == nil, "\(rule)")
        }
        return triples
    }

    @Test func kaisServiceAccountCanRunTheWholeCatalogAndNothingMore() async throws {
        try await ChartCluster.with { cluster in
            let install = try await cluster.install(values: #"{"kai": {"enabled": true}}"#)
            #expect(install["status"] as? String == "deployed", "\(install)")
            #expect(try await cluster.kubectl(["-n", "todo-chatbot", "rollout", "status", "deploy/todo-chatbot-backend", "--timeout=60s"]).status == 0)
            let kubeconfig = try await cluster.serviceAccountKubeconfig("todo-chatbot-kai")
            // kai's policy as the chart gives it to the pod: this namespace, the stack's deployments.
            try await cluster.usePolicy(fromConfigMap: "todo-chatbot-kai")
            let restartSelf = try await cluster.kai(["--yes", "restart todo-chatbot-kai"], kubeconfig: kubeconfig)
            #expect(restartSelf.status == 4, "\(restartSelf.stdout) \(restartSelf.stderr)")
            #expect((restartSelf.stdout + restartSelf.stderr).contains("todo-chatbot-kai is not among the targets the policy allows"), "\(restartSelf.stdout) \(restartSelf.stderr)")

            // Every operation of the catalog, each as a request kai plans, confirms (--yes) and runs.
            let pods = try await cluster.objects(["pods", "-n", "todo-chatbot", "-l", "app.kubernetes.io/component=backend"])
            let pod = try #require((pods.first?["metadata"] as? [String: Any])?["name"] as? String)
            for request in ["list pods", "list deployments", "list replicasets", "list services", "list events", "list hpa", "list configmaps",
                            "describe backend", "describe pod \(pod)", "logs for backend", "last 20 lines of logs for pod \(pod)",
                            "what happened to backend", "events", "why is the backend failing", "how much cpu and memory is the frontend using",
                            "is the frontend rollout done?", "rollout history of backend",
                            "scale frontend to 2", "restart frontend", "autoscale frontend from 1 to 3 at 60% cpu", "autoscale backend between 2 and 4",
                            "remove the autoscaler of frontend", "give the frontend 100m cpu", "set image of frontend to todo-frontend:1.3.0", "rollback frontend"] {
                try await expectSucceeds(request, cluster, kubeconfig: kubeconfig)
            }
            // Undo puts the rollback back, through the same operations.
            let undo = try await KaiProcess.run(["undo", "--yes", "--allow-disruptive", "--kubeconfig", kubeconfig],
                                                environment: ["XDG_STATE_HOME": cluster.folder.appendingPathComponent("state").path])
            #expect(undo.status == 0, "\(undo.stdout) \(undo.stderr)")
            try await expectSucceeds("delete pod \(pod)", cluster, kubeconfig: kubeconfig)

            // Nothing kai did was refused but what it only tries (nodes and namespaces are cluster-wide: diagnosis
            // reads nodes, the planner lists namespaces to understand a request naming one; Secrets are not kai's
            // to read; it goes on without them), and it used every permission the Role grants: no more is granted
            // than the catalog needs.
            let decisions = await cluster.server.audit.decisions(of: Self.account)
            #expect(!decisions.isEmpty)
            let refused = Set(decisions.filter { !$0.allowed }.map { "\($0.request.verb) \($0.request.resource)" })
            #expect(refused == ["list nodes", "list secrets", "list namespaces"], "refused: \(refused)")
            let used = Set(decisions.filter { $0.allowed && $0.request.isResourceRequest }.map { decision in
                "\(decision.request.verb) \(decision.request.apiGroup)/\(decision.request.resource)\(decision.request.subresource.isEmpty ? "" : "/" + decision.request.subresource)"
            })
            let grants = try await granted(cluster)
            #expect(used == grants, "used but not granted: \(used.subtracting(grants)); granted but unused: \(grants.subtracting(used))")

            // Outside its namespace kai is refused by the cluster, and says who may not do what.
            let elsewhere = try await cluster.kai(["-n", "default", "list pods"], kubeconfig: kubeconfig)
            #expect(elsewhere.status == 1)
            #expect(elsewhere.stderr.contains("The service account todo-chatbot/todo-chatbot-kai may not list"), "\(elsewhere.stderr)")
            #expect(elsewhere.stderr.contains("in namespace default (403 Forbidden)"), "\(elsewhere.stderr)")
            #expect(elsewhere.stderr.contains(#"User "\#(Self.account)" cannot list resource"#), "\(elsewhere.stderr)")
            // Deleting a deployment and reading Secrets are outside the catalog: kai refuses before asking the cluster.
            let before = await cluster.server.audit.decisions(of: Self.account).count
            for request in ["delete deployment frontend", "show me the secrets"] {
                #expect(try await cluster.kai([request], kubeconfig: kubeconfig).status == 4, "\(request)")
            }
            #expect(await cluster.server.audit.decisions(of: Self.account).dropFirst(before).allSatisfy { $0.request.resource != "secrets" })
        }
    }

    @Test func theInstalledRoleRefusesSecretsDeletingDeploymentsAndAnythingOutsideItsNamespace() async throws {
        try await ChartCluster.with { cluster in
            let install = try await cluster.install(values: #"{"kai": {"enabled": true}}"#)
            #expect(install["status"] as? String == "deployed", "\(install)")
            #expect(try await cluster.kubectl(["create", "namespace", "elsewhere"]).status == 0)
            let kubeconfig = try await cluster.serviceAccountKubeconfig("todo-chatbot-kai")

            // As the API server's RBAC decides it: kubectl auth can-i with the account's token.
            let answers: [([String], String)] = [
                (["get", "secrets"], "no"), (["list", "secrets"], "no"), (["watch", "secrets"], "no"),
                (["get", "secrets/todo-chatbot-secrets"], "no"),
                (["delete", "deployments.apps"], "no"), (["create", "deployments.apps"], "no"), (["update", "deployments.apps"], "no"),
                (["create", "pods"], "no"), (["create", "pods", "--subresource=exec"], "no"), (["update", "pods"], "no"),
                (["create", "roles.rbac.authorization.k8s.io"], "no"),
                (["create", "rolebindings.rbac.authorization.k8s.io"], "no"), (["create", "serviceaccounts", "--subresource=token"], "no"),
                (["list", "pods", "-n", "elsewhere"], "no"), (["list", "deployments.apps", "-n", "kube-system"], "no"),
                (["list", "pods", "--all-namespaces"], "no"), (["list", "nodes"], "no"), (["list", "namespaces"], "no"),
                (["create", "clusterroles.rbac.authorization.k8s.io"], "no"),
                (["list", "pods"], "yes"), (["get", "pods", "--subresource=log"], "yes"), (["delete", "pods"], "yes"),
                (["patch", "deployments.apps"], "yes"), (["update", "deployments.apps", "--subresource=scale"], "yes"),
                (["watch", "deployments.apps"], "yes"), (["watch", "pods"], "yes"), (["create", "horizontalpodautoscalers.autoscaling"], "yes"),
                (["delete", "horizontalpodautoscalers.autoscaling"], "yes"),
                (["list", "pods.metrics.k8s.io"], "yes"),
                (["create", "selfsubjectaccessreviews.authorization.k8s.io"], "yes"),
            ]
            for (question, expected) in answers {
                let answer = try await cluster.kubectl(["auth", "can-i"] + question, kubeconfig: kubeconfig)
                #expect(answer.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected,
                        "can-i \(question.joined(separator: " ")): \(answer.stdout) \(answer.stderr)")
            }

            // And the requests themselves, as kubectl makes them with the token, get the API server's 403.
            let refused: [([String], String)] = [
                (["-n", "todo-chatbot", "get", "secrets"],
                 #"secrets is forbidden: User "\#(Self.account)" cannot list resource "secrets" in API group "" in the namespace "todo-chatbot""#),
                (["-n", "todo-chatbot", "get", "secret", "todo-chatbot-secrets"],
                 #"secrets "todo-chatbot-secrets" is forbidden: User "\#(Self.account)" cannot get resource "secrets" in API group "" in the namespace "todo-chatbot""#),
                (["-n", "todo-chatbot", "delete", "deployment", "todo-chatbot-frontend"],
                 #"deployments.apps "todo-chatbot-frontend" is forbidden: User "\#(Self.account)" cannot delete resource "deployments" in API group "apps" in the namespace "todo-chatbot""#),
                (["-n", "elsewhere", "get", "pods"],
                 #"pods is forbidden: User "\#(Self.account)" cannot list resource "pods" in API group "" in the namespace "elsewhere""#),
                (["get", "nodes"], #"nodes is forbidden: User "\#(Self.account)" cannot list resource "nodes" in API group "" at the cluster scope"#),
                (["-n", "todo-chatbot", "create", "role", "more", "--verb=get", "--resource=secrets"],
                 #"roles.rbac.authorization.k8s.io is forbidden: User "\#(Self.account)" cannot create resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "todo-chatbot""#),
            ]
            for (arguments, message) in refused {
                let result = try await cluster.kubectl(arguments, kubeconfig: kubeconfig)
                #expect(result.status != 0, "\(arguments) was allowed")
                #expect(result.stderr.contains("Error from server (Forbidden): \(message)"), "\(arguments): \(result.stderr)")
            }
            // The frontend is still there: the refused delete changed nothing.
            #expect(try await cluster.kubectl(["-n", "todo-chatbot", "get", "deploy", "todo-chatbot-frontend"]).status == 0)
        }
    }
}
