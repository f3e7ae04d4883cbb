import Foundation
import KaiTestSupport
import Testing

/// charts/todo-chatbot through real Helm (v4's SDK): it lints clean, installs into an empty
/// sandbox with its default, dev and prod values (and kai as a Job), every object it makes
/// reads back as valid Kubernetes, and bad values are refused with a message that says why.
@Suite("The todo-chatbot chart, installed with real Helm", .serialized)
struct ChartInstallTests {
    @Test func helmLintFindsNothingWrong() async throws {
        let result = try await ChildProcess.run(program: "python3", [Corpus.packageRoot.appendingPathComponent("Tests/Fixtures/helm/release.py").path,
                                                                      "lint", ChartCluster.chart])
        let answer = try result.json()
        #expect(answer["charts"] as? Int == 1, "\(result.stdout) \(result.stderr)")
        #expect(answer["errors"] is NSNull, "\(answer)")
        let messages = answer["messages"] as? [[String: Any]] ?? []
        // Helm's only remark is that a chart may have an icon.
        #expect(messages.allSatisfy { $0["severity"] as? String == "info" }, "\(messages)")
    }

    /// One way of installing the chart, and what it must make.
    struct Setup: Sendable, CustomTestStringConvertible {
        let name: String
        let valuesFiles: [String]
        let values: String
        let deployments: [String]
        let kinds: Set<String>
        var testDescription: String { name }
    }

    static let setups = [
        Setup(name: "default values", valuesFiles: [], values: "{}",
              deployments: ["backend", "frontend", "postgres"],
              kinds: ["Deployment", "ReplicaSet", "Pod", "Service", "HorizontalPodAutoscaler", "ConfigMap", "Secret", "PersistentVolumeClaim"]),
        Setup(name: "values-dev.yaml", valuesFiles: ["values-dev.yaml"], values: "{}",
              deployments: ["backend", "frontend", "postgres", "kai"],
              kinds: ["Deployment", "ReplicaSet", "Pod", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount", "Role", "RoleBinding"]),
        Setup(name: "values-prod.yaml", valuesFiles: ["values-prod.yaml"], values: "{}",
              deployments: ["backend", "frontend", "kai"],
              kinds: ["Deployment", "ReplicaSet", "Pod", "Service", "HorizontalPodAutoscaler", "ConfigMap", "ServiceAccount", "Role", "RoleBinding"]),
        Setup(name: "kai as a runbook Job", valuesFiles: [],
              values: #"{"kai": {"enabled": true, "mode": "job", "runbook": {"content": "name: check\ndescription: Is the backend up?\nsteps:\n  - check: {target: backend, readyReplicas: \">= 1\"}\n"}}}"#,
              deployments: ["backend", "frontend", "postgres"],
              kinds: ["Deployment", "ReplicaSet", "Pod", "Service", "HorizontalPodAutoscaler", "ConfigMap", "Secret", "PersistentVolumeClaim",
                      "ServiceAccount", "Role", "RoleBinding", "Job"]),
    ]

    @Test(arguments: setups)
    func theChartInstallsAndEveryObjectIsValidKubernetes(_ setup: Setup) async throws {
        try await ChartCluster.with { cluster in
            if setup.valuesFiles.contains("values-prod.yaml") {
                // Production brings its own Secret, as values-prod.yaml says to make it.
                #expect(try await cluster.kubectl(["create", "namespace", "todo-chatbot"]).status == 0)
                let secret = try await cluster.kubectl(["-n", "todo-chatbot", "create", "secret", "generic", "todo-chatbot-prod",
                                                        "--from-literal=DATABASE_URL=postgresql://todo:pw@db.neon.example/todo?sslmode=require",
                                                        "--from-literal=BETTER_AUTH_SECRET=an-auth-secret-made-outside-the-chart-0123"])
                #expect(secret.status == 0, "\(secret.stderr)")
            }
            let install = try await cluster.install(valuesFiles: setup.valuesFiles, values: setup.values)
            #expect(install["status"] as? String == "deployed", "\(install)")

            // Helm waited for readiness, so every deployment is available when it returns.
            let deployments = try await cluster.objects(["deployments", "-n", "todo-chatbot"])
            let names = deployments.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String }
            #expect(Set(names) == Set(setup.deployments.map { "todo-chatbot-\($0)" }))
            for deployment in deployments {
                let status = deployment["status"] as? [String: Any]
                #expect((status?["availableReplicas"] as? Int ?? 0) >= 1, "\(deployment["metadata"] ?? "")")
            }

            let kinds = "deployments,replicasets,pods,services,horizontalpodautoscalers,configmaps,secrets,serviceaccounts,roles,rolebindings,persistentvolumeclaims,jobs"
            let checked = try await cluster.validate([kinds, "-n", "todo-chatbot", "-l", "app.kubernetes.io/instance=todo-chatbot"])
            #expect(checked.errors.isEmpty, "\(checked.errors)")
            let validatedKinds = Set(checked.validated.compactMap { $0.split(separator: "/").first.map(String.init) })
            #expect(validatedKinds == setup.kinds, "validated: \(checked.validated)")
        }
    }

    @Test func devAndProdValuesShapeTheStackAsTheyDescribe() async throws {
        try await ChartCluster.with { cluster in
            #expect(try await cluster.install(namespace: "dev", valuesFiles: ["values-dev.yaml"])["status"] as? String == "deployed")
            let frontend = try await cluster.kubectl(["-n", "dev", "get", "svc", "todo-chatbot-frontend", "-o", "jsonpath={.spec.type} {.spec.ports[0].nodePort}"])
            #expect(frontend.stdout == "NodePort 30080")
            let backend = try await cluster.kubectl(["-n", "dev", "get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.replicas}"])
            #expect(backend.stdout == "1")
            let kai = try await cluster.kubectl(["-n", "dev", "get", "deploy", "todo-chatbot-kai", "-o",
                                                 "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].imagePullPolicy} {.spec.template.spec.serviceAccountName}"])
            #expect(kai.stdout == "kai:dev Never todo-chatbot-kai")
            let policy = try await cluster.kubectl(["-n", "dev", "get", "cm", "todo-chatbot-kai", "-o", #"jsonpath={.data.policy\.yaml}"#])
            #expect(policy.stdout.contains("namespaces: [dev]"), "\(policy.stdout)")
            #expect(policy.stdout.contains(#"targets: ["todo-chatbot-backend*","todo-chatbot-frontend*","todo-chatbot-postgres*"]"#), "\(policy.stdout)")
        }
    }

    @Test func generatedSecretsAreKeptAcrossAnUpgradeAndGivenOnesAreUsed() async throws {
        try await ChartCluster.with { cluster in
            #expect(try await cluster.install()["status"] as? String == "deployed")
            func secret() async throws -> [String: String] {
                let result = try await cluster.kubectl(["-n", "todo-chatbot", "get", "secret", "todo-chatbot-secrets", "-o", "jsonpath={.data}"])
                let data = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String], "\(result.stderr)")
                return data.compactMapValues { Data(base64Encoded: $0).map { String(decoding: $0, as: UTF8.self) } }
            }
            let first = try await secret()
            #expect(Set(first.keys) == ["DATABASE_URL", "BETTER_AUTH_SECRET", "POSTGRES_PASSWORD"])
            let password = try #require(first["POSTGRES_PASSWORD"])
            #expect(password.count == 32)
            #expect(first["DATABASE_URL"] == "postgresql://todo:\(password)@todo-chatbot-postgres:5432/todo")
            #expect(try #require(first["BETTER_AUTH_SECRET"]).count == 48)

            let upgrade = try await cluster.helm("upgrade", [ChartCluster.chart, #"{"config": {"logLevel": "debug"}, "secrets": {"openaiApiKey": "sk-given"}}"#])
            #expect(upgrade["status"] as? String == "deployed", "\(upgrade)")
            let second = try await secret()
            #expect(second["POSTGRES_PASSWORD"] == password)
            #expect(second["BETTER_AUTH_SECRET"] == first["BETTER_AUTH_SECRET"])
            #expect(second["OPENAI_API_KEY"] == "sk-given")
        }
    }

    /// kai's undo of removeAutoscaler puts back the chart's autoscaler so that Helm still owns it: the
    /// next `helm upgrade` succeeds and the object carries the release's labels and annotations.
    @Test func anAutoscalerRemovedAndPutBackByUndoStaysTheReleases() async throws {
        try await ChartCluster.with { cluster in
            #expect(try await cluster.install()["status"] as? String == "deployed")
            let removed = try await cluster.kai(["-n", "todo-chatbot", "--yes", "--allow-disruptive", "remove the backend autoscaler"],
                                                kubeconfig: cluster.kubeconfig)
            #expect(removed.status == 0, "\(removed.stdout) \(removed.stderr)")
            let undo = try await cluster.kai(["undo", "--yes"], kubeconfig: cluster.kubeconfig)
            #expect(undo.status == 0, "\(undo.stdout) \(undo.stderr)")
            let upgrade = try await cluster.helm("upgrade", [ChartCluster.chart, #"{"config": {"logLevel": "debug"}}"#])
            #expect(upgrade["status"] as? String == "deployed", "\(upgrade)")
            let owner = try await cluster.kubectl(["-n", "todo-chatbot", "get", "hpa", "todo-chatbot-backend", "-o",
                                                   #"jsonpath={.metadata.labels.app\.kubernetes\.io/managed-by} {.metadata.annotations.meta\.helm\.sh/release-name}"#])
            #expect(owner.stdout == "Helm todo-chatbot", "\(owner.stdout) \(owner.stderr)")
        }
    }

    /// A bad value and what Helm says about it.
    struct BadValues: Sendable, CustomTestStringConvertible {
        let values: String
        let message: String
        var testDescription: String { values }
    }

    static let badValues = [
        BadValues(values: #"{"backend": {"replicaCount": -1}}"#, message: "at '/backend/replicaCount': minimum: got -1, want 0"),
        BadValues(values: #"{"frontend": {"replicaCount": 1.5}}"#, message: "at '/frontend/replicaCount'"),
        BadValues(values: #"{"backend": {"image": {"tag": null}}}"#, message: "at '/backend/image': missing property 'tag'"),
        BadValues(values: #"{"frontend": {"image": {"tag": ""}}}"#, message: "at '/frontend/image/tag': minLength: got 0, want 1"),
        BadValues(values: #"{"backend": {"autoscaling": {"minReplicas": 6, "maxReplicas": 3}}}"#,
                  message: "backend.autoscaling.minReplicas (6) is greater than backend.autoscaling.maxReplicas (3): the autoscaler needs min <= max."),
        BadValues(values: #"{"postgres": {"enabled": false}}"#,
                  message: "postgres.enabled is false, so the backend needs a database: set externalDatabase.url"),
        BadValues(values: #"{"kai": {"enabled": true, "mode": "job"}}"#, message: "kai.runbook.content must hold the runbook"),
        BadValues(values: #"{"kai": {"mode": "daemon"}}"#, message: "at '/kai/mode'"),
        BadValues(values: #"{"containerSecurityContext": {"allowPrivilegeEscalation": true}}"#, message: "at '/containerSecurityContext/allowPrivilegeEscalation'"),
        BadValues(values: #"{"secrets": {"betterAuthSecret": "short"}}"#, message: "at '/secrets/betterAuthSecret'"),
    ]

    @Test(arguments: badValues)
    func badValuesAreRefusedWithAMessageThatSaysWhy(_ bad: BadValues) async throws {
        try await ChartCluster.with { cluster in
            let install = try await cluster.install(values: bad.values)
            let error = try #require(install["error"] as? String, "installed with \(bad.values): \(install)")
            #expect(error.contains(bad.message), "\(error)")
            let left = try await cluster.kubectl(["get", "deployments", "-A", "-o", "name"])
            #expect(left.stdout.isEmpty)
        }
    }
}
