import KaiCore
import KaiKube
import KaiPolicy

extension Planner {
    /// The plan for `request` read against only the deployments and autoscalers of `namespace` (two
    /// list calls instead of a whole snapshot), when that is certainly the plan the whole snapshot
    /// would give: the local grammar understood every word, and every step acts on a deployment of
    /// this namespace. Nil otherwise — a pod, another namespace, a word left over, a refusal, an
    /// error or a request for the model — and the caller reads everything and plans again.
    ///
    /// ```swift
    /// let plan = try await Planner.quickPlan("scale backend to 3", client: client, namespace: "todo-chatbot", policy: policy)
    /// ```
    public static func quickPlan(_ request: String, client: KubeClient, namespace: String, policy: Policy) async throws -> Plan? {
        let snapshot = try await ClusterSnapshot.readWorkloads(from: client, namespace: namespace)
        guard case .plan(let plan)? = try? Planner(snapshot: snapshot, policy: policy).interpretLocally(request),
              plan.refusal == nil, plan.understanding.isEmpty, !plan.steps.isEmpty,
              plan.steps.allSatisfy({ $0.operation.target?.kind == .deployment && $0.operation.namespace == namespace })
        else { return nil }
        return plan
    }
}
