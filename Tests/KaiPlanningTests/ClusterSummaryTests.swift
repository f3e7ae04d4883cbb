import KaiCore
import KaiKube
@testable import KaiPlanning
import Testing

/// The summary a model reads before every request stays short however big the namespace is.
@Suite("The cluster summary a model reads")
struct ClusterSummaryTests {
    @Test func aBigNamespaceIsSummarisedInABoundedNumberOfLines() {
        let deployments = (1...30).map { index in
            DeploymentSnapshot(name: "worker-\(index)", labels: [componentLabel: "worker"], selector: [:], replicas: 1, readyReplicas: 0,
                               containers: [ContainerImage(name: "worker", image: "worker:1.0")], revision: 1)
        }
        let pods = (1...40).map { PodSnapshot(name: "worker-pod-\($0)", labels: [:], deployment: nil, phase: "Pending") }
        let text = ClusterSummary.text(ClusterSnapshot(namespace: "jobs", deployments: deployments, pods: pods), warnings: [])
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("- worker-") && !$0.hasPrefix("- worker-pod") }.count == ClusterSummary.objectLimit)
        #expect(lines.filter { $0.hasPrefix("- worker-pod-") }.count == ClusterSummary.objectLimit)
        #expect(lines.contains("- and 18 more") && lines.contains("- and 28 more"))
        #expect(lines.contains("- worker-1 (worker): 0/1 ready, image worker:1.0, revision 1"))
        #expect(lines.first == "<cluster-data>" && lines.last == "</cluster-data>")
    }
}
