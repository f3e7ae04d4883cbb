import KaiDiagnosis
import KaiKube

/// A resource report in a JSON document; quantities as Kubernetes writes them ("60m", "192Mi").
struct ResourceDocument: Encodable {
    let target: TargetDocument
    let containers: [ContainerDocument]
    let nodes: [NodeDocument]
    let autoscalers: [AutoscalerDocument]
    let notes: [String]
    let apiCalls: Int

    init(_ report: ResourceReport) {
        target = TargetDocument(report.target)
        containers = report.containers.map(ContainerDocument.init)
        nodes = report.nodes.map(NodeDocument.init)
        autoscalers = report.autoscalers.map(AutoscalerDocument.init)
        notes = report.notes
        apiCalls = report.apiCalls
    }

    /// `{"cpu": "100m", "memory": "256Mi"}`, leaving out what is not set.
    struct AmountsDocument: Encodable {
        let cpu: String?
        let memory: String?

        init(_ amounts: Amounts) {
            cpu = amounts.cpu.map(Quantity.millicores)
            memory = amounts.memory.map(Quantity.mebibytes)
        }
    }

    struct ContainerDocument: Encodable {
        let workload: String
        let container: String
        let podsMeasured: Int
        let requests: AmountsDocument
        let limits: AmountsDocument
        let peakUsage: AmountsDocument?
        let oomKilled: Bool
        let recommended: RecommendedDocument?

        init(_ row: ContainerResources) {
            workload = row.workload
            container = row.container
            podsMeasured = row.podsMeasured
            requests = AmountsDocument(row.requests)
            limits = AmountsDocument(row.limits)
            peakUsage = row.peakUsage.map(AmountsDocument.init)
            oomKilled = row.oomKilled
            recommended = row.recommended.map(RecommendedDocument.init)
        }
    }

    /// Recommended values, the reasoning, and the values.yaml settings (`{"backend.resources.requests.cpu": "60m"}`).
    struct RecommendedDocument: Encodable {
        let requests: AmountsDocument
        let limits: AmountsDocument
        let reasoning: [String]
        let values: [String: String]
        /// The setResources step that applies them, when the policy allows it.
        let suggestion: StepDocument?

        init(_ recommended: ContainerResources.Recommended) {
            suggestion = recommended.fix.map(StepDocument.init)
            requests = AmountsDocument(recommended.requests)
            limits = AmountsDocument(recommended.limits)
            reasoning = recommended.reasoning
            values = Dictionary(recommended.values.map { ($0.key, $0.value) }) { $1 }
        }
    }

    struct NodeDocument: Encodable {
        let node: String
        let allocatable: AmountsDocument
        let requested: AmountsDocument
        let free: AmountsDocument
        let pods: Int

        init(_ node: NodeHeadroom) {
            self.node = node.node
            allocatable = AmountsDocument(node.allocatable)
            requested = AmountsDocument(node.requested)
            free = AmountsDocument(node.free)
            pods = node.pods
        }
    }

    struct AutoscalerDocument: Encodable {
        let autoscaler: String
        let deployment: String
        let current: Int
        let min: Int
        let max: Int
        let cpuTarget: Int?
        let extraRequests: AmountsDocument
        let fits: Bool?

        init(_ headroom: AutoscalerHeadroom) {
            autoscaler = headroom.autoscaler
            deployment = headroom.deployment
            current = headroom.current
            min = headroom.min
            max = headroom.max
            cpuTarget = headroom.cpuTarget
            extraRequests = AmountsDocument(headroom.extraRequests)
            fits = headroom.fits
        }
    }
}
