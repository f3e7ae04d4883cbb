import Foundation
import KaiCore
@testable import KaiDiagnosis
import KaiKube
import Testing

/// The analyzers of pods that never get to run, fail their probes, or have nowhere to go:
/// image pulls, scheduling, configuration, probes, claims, Services, rollouts and autoscalers.
@Suite struct StartAnalyzerTests {
    @Test func anImageThatCannotBePulledSaysWhichAndWhetherTheRolloutChangedIt() throws {
        var stack = StackFixture()
        let reference = "docker.io/library/todo-backend:1.1.0"
        stack.waiting("backend", reason: "ImagePullBackOff", message: "Back-off pulling image \"todo-backend:1.1.0\"")
        stack.event("backend", reason: "Failed", message: "Failed to pull image \"todo-backend:1.1.0\": rpc error: code = NotFound desc = failed to resolve reference \"\(reference)\": \(reference): not found")
        let finding = try #require(try stack.diagnose("backend").findings.first)
        #expect(finding.reason == .imagePullBackOff)
        #expect(finding.cause?.reason == .imageNotFound)
        #expect(finding.summary == "All 2 pods of deployment todo-chatbot-backend cannot pull image todo-backend:1.1.0 (ImagePullBackOff), so container backend never starts. The latest rollout (revision 2) changed the image from todo-backend:1.0.0 to todo-backend:1.1.0.")
        let rollback = try #require(finding.fixes.first)
        #expect(rollback.operation == .rollback(.init(ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-backend"))))
        #expect(rollback.summary.contains("now at revision 2"))
    }

    @Test func anImageNeverChangedByARolloutHasNoRollback() throws {
        var stack = StackFixture()
        stack.waiting("frontend", reason: "ErrImagePull", message: "failed to pull: unauthorized: authentication required")
        let finding = try #require(try stack.diagnose("frontend").findings.first)
        #expect(finding.reason == .errImagePull)
        #expect(finding.cause?.reason == .registryAccessDenied)
        #expect(finding.fixes.isEmpty)
        #expect(finding.advice.contains { $0.contains("frontend.image.tag") })
    }

    @Test func anUnschedulablePodNamesTheShortResourceAndTheNodesHeadroom() throws {
        var stack = StackFixture()
        let message = "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
        stack.unready("frontend")
        stack.pods(of: "frontend") { pod in
            pod[path: "spec.nodeName"] = nil
            pod["status"] = ["phase": "Pending", "conditions": [["type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": .string(message)]]]
        }
        let finding = try #require(try stack.diagnose("frontend").findings.first)
        #expect(finding.reason == .unschedulable)
        #expect(finding.cause?.reason == .insufficientCPU)
        #expect(finding.evidence.contains { $0.text == "node minikube: cpu 2000m allocatable, 300m requested by 3 pods (1700m free); memory 4096Mi allocatable, 768Mi requested (3328Mi free)" })
        #expect(finding.advice.first?.contains("frontend.resources.requests.cpu") == true)
    }

    @Test func aMissingSecretKeyIsReadFromTheKubeletWhenSecretsAreForbidden() throws {
        var stack = StackFixture()
        stack.secrets = nil
        stack.unreadable = ["secrets: forbidden"]
        stack.waiting("backend", reason: "CreateContainerConfigError", message: "couldn't find key OPENAI_API_KEY in Secret todo-chatbot/todo-chatbot-secrets")
        let diagnosis = try stack.diagnose("backend")
        let finding = try #require(diagnosis.findings.first)
        #expect(finding.reason == .createContainerConfigError)
        #expect(finding.cause == Cause(.missingSecretKey, "Secret todo-chatbot-secrets has no key OPENAI_API_KEY, which the container reads."))
        #expect(finding.evidence.contains { $0.text == "kai may not read Secrets here, so which key is missing comes from the kubelet's message" })
        #expect(finding.advice.first?.hasPrefix("Add key OPENAI_API_KEY to Secret todo-chatbot-secrets (secrets.openaiApiKey in charts/todo-chatbot/values.yaml") == true)
        #expect(finding.fixes.map(\.operation.name) == [.restart])
        #expect(diagnosis.unreadable == ["secrets: forbidden"])
    }

    @Test func aMissingSecretKeyIsFoundFromTheKeyNamesWhenTheMessageSaysNothing() throws {
        var stack = StackFixture()
        stack.secrets = [KeyNames(metadata: ObjectMeta(name: "todo-chatbot-secrets"), keys: ["DATABASE_URL", "POSTGRES_PASSWORD"])]
        stack.waiting("backend", reason: "CreateContainerConfigError")
        let finding = try #require(try stack.diagnose("backend").findings.first)
        #expect(finding.cause?.reason == .missingSecretKey)
        #expect(finding.summary.contains("key BETTER_AUTH_SECRET of Secret todo-chatbot-secrets is missing"))
        #expect(finding.evidence.contains { $0.text == "env BETTER_AUTH_SECRET <- Secret todo-chatbot-secrets key BETTER_AUTH_SECRET: has no such key (it holds DATABASE_URL, POSTGRES_PASSWORD)" })
    }

    @Test func aFailingReadinessProbeSaysWhichProbeAndWhatItGot() throws {
        var stack = StackFixture()
        stack.unready("backend")
        stack.event("backend", reason: "Unhealthy", message: "Readiness probe failed: HTTP probe failed with statuscode: 503")
        let diagnosis = try stack.diagnose("backend")
        #expect(diagnosis.findings.map(\.reason) == [.readinessProbeFailed])
        let finding = try #require(diagnosis.findings.first)
        #expect(finding.cause == Cause(.probeErrorStatus, "GET /health on port 8000 answers HTTP 503 instead of 2xx or 3xx."))
        #expect(finding.summary.contains("the readiness probe (GET /health on port 8000): HTTP probe failed with statuscode: 503"))
        #expect(finding.evidence.contains { $0.text == "service todo-chatbot-backend: 0 ready endpoints, 2 not ready" })
    }

    @Test func aFailingLivenessProbeIsNotCalledACrash() throws {
        var stack = StackFixture()
        stack.crashLoop("frontend", reason: "Error", exitCode: 137)
        stack.event("frontend", reason: "Unhealthy", message: "Liveness probe failed: Get \"http://10.244.0.9:3000/\": context deadline exceeded")
        stack.event("frontend", reason: "Killing", message: "Container frontend failed liveness probe, will be restarted", type: "Normal")
        let finding = try #require(try stack.diagnose("frontend").findings.first)
        #expect(finding.reason == .livenessProbeFailed)
        #expect(finding.cause?.reason == .probeTimeout)
    }

    @Test func aPendingClaimIsNamed() throws {
        var stack = StackFixture()
        stack.claims = [["metadata": ["name": "todo-chatbot-postgres"], "spec": ["storageClassName": "fast"], "status": ["phase": "Pending"]]]
        stack.unready("postgres")
        stack.pods(of: "postgres") { pod in
            pod["status"] = ["phase": "Pending", "conditions": [["type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                                                                 "message": "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."]]]
        }
        let finding = try #require(try stack.diagnose("postgres").findings.first)
        #expect(finding.reason == .volumeClaimPending)
        #expect(finding.evidence.contains { $0.text == "volume claim todo-chatbot-postgres: Pending, storage class fast" })
    }

    @Test func aServiceWhoseSelectorMatchesNoPodSaysWhichLabelsDiffer() throws {
        var stack = StackFixture()
        stack.services[1][path: "spec.selector"] = ["app.kubernetes.io/name": "todo-chatbot", "app.kubernetes.io/component": "web"]
        for diagnosis in [try stack.diagnose("frontend"), try stack.diagnose()] {
            #expect(diagnosis.findings.map(\.reason) == [.serviceSelectorMismatch])
            #expect(diagnosis.findings.first?.object == ObjectIdentity(kind: "Service", namespace: "todo-chatbot", name: "todo-chatbot-frontend"))
        }
        #expect(try stack.diagnose("frontend").findings.first?.advice.first?.contains("differing: app.kubernetes.io/component") == true)
    }

    @Test func aServiceOfADeploymentScaledToZeroOffersToScaleItUp() throws {
        var stack = StackFixture()
        stack.deployments["frontend"]?[path: "spec.replicas"] = 0
        stack.pods.removeAll { $0[path: "metadata.labels"]["app.kubernetes.io/component"] == "frontend" }
        stack.endpoints[1]["subsets"] = []
        let finding = try #require(try stack.diagnose("frontend").findings.first)
        #expect(finding.reason == .noReadyEndpoints)
        #expect(finding.cause?.reason == .scaledToZero)
        #expect(finding.fixes.first?.operation == .scale(.init(ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-frontend"),
                                                               replicas: try ReplicaCount(1))))
    }

    @Test func aStalledRolloutComesAfterThePodsThatStallIt() throws {
        var stack = StackFixture()
        stack.waiting("backend", reason: "ImagePullBackOff")
        stack.deployments["backend"]?[path: "status.conditions"] = [["type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                                                                     "message": "ReplicaSet \"todo-chatbot-backend-rev2\" has timed out progressing."]]
        let diagnosis = try stack.diagnose("backend")
        #expect(diagnosis.findings.map(\.reason) == [.imagePullBackOff, .progressDeadlineExceeded])
        try #require(diagnosis.findings.count == 2)
        #expect(diagnosis.findings[1].cause?.reason == .imagePullBackOff)
        #expect(diagnosis.findings[1].fixes.map(\.operation.name) == [.rollback])
    }

    @Test func anAutoscalerAtItsMaximumOffersMoreReplicas() throws {
        var stack = StackFixture()
        stack.autoscalers[0]["status"] = ["currentReplicas": 5, "desiredReplicas": 7,
                                          "conditions": [["type": "ScalingLimited", "status": "True", "reason": "TooManyReplicas",
                                                          "message": "the desired replica count is more than the maximum replica count"]]]
        let finding = try #require(try stack.diagnose("backend").findings.first)
        #expect(finding.reason == .autoscalerAtMaximum)
        #expect(finding.fixes.first?.operation.arguments.map(\.name) == ["min", "max", "cpuPercent"])
        #expect(finding.fixes.first?.summary == "Autoscale deployment todo-chatbot-backend between 2 and 7 replicas at 70% CPU (now 2 to 5 at 70% CPU).")
    }

    @Test func anAutoscalerWithoutMetricsIsReportedOnlyWhenThePodsAreFine() throws {
        var stack = StackFixture()
        stack.autoscalers[0]["status"] = ["conditions": [["type": "ScalingActive", "status": "False", "reason": "FailedGetResourceMetric",
                                                          "message": "unable to get metrics for resource cpu"]]]
        #expect(try stack.diagnose("backend").findings.map(\.reason) == [.autoscalerNotScaling])
        #expect(try stack.diagnose("backend").findings.first?.cause?.reason == .metricsUnavailable)
        stack.crashLoop("backend", previousLog: CrashAnalyzerTests.missingVariable)
        #expect(try stack.diagnose("backend").findings.map(\.reason) == [.crashLoopBackOff])
    }

    @Test func aPodTargetIsDiagnosedAlone() throws {
        var stack = StackFixture()
        stack.crashLoop("backend", previousLog: CrashAnalyzerTests.missingVariable)
        stack.pods(of: "backend", only: 1) { $0 = $0.with("status", ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]],
                                                                     "containerStatuses": [["name": "backend", "ready": true, "restartCount": 0]]]) }
        let healthy = Analysis.diagnose(try stack.evidence(pod: StackFixture.pod("backend", 1)))
        #expect(healthy.isHealthy)
        let failing = Analysis.diagnose(try stack.evidence(pod: StackFixture.pod("backend", 0)))
        #expect(failing.findings.first?.pods == [StackFixture.pod("backend", 0)])
    }
}
