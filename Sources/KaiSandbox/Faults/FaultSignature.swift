extension Fault {
    /// Whether `pod` of `component` shows this fault in its steady state, as a person asking
    /// about it would find it: crashed at least once, failing its pull or its configuration,
    /// unschedulable, or reported Unhealthy by its probe. A faulted component never gets ready,
    /// so this, not readiness, is what settling waits for.
    func isShown(by pod: JSONValue, component: String, events: [JSONValue]) -> Bool {
        let statuses = pod[path: "status.containerStatuses"].array ?? []
        let waiting = statuses.compactMap { $0[path: "state.waiting.reason"].string }
        let crashed = statuses.contains { !$0[path: "lastState.terminated"].isNull }
        let uid = pod[path: "metadata.uid"].string
        let unhealthy = events.contains { $0[path: "involvedObject.uid"].string == uid && $0["reason"] == "Unhealthy" }
        switch self {
        case .crashloop, .oom: return crashed
        case .dbDown: return crashes(component: component) ? crashed : unhealthy
        case .readiness: return unhealthy
        case .imagepull: return waiting.contains { $0 == "ErrImagePull" || $0 == "ImagePullBackOff" }
        case .missingSecret: return waiting.contains("CreateContainerConfigError")
        case .pending:
            return (pod[path: "status.conditions"].array ?? []).contains { $0["type"] == "PodScheduled" && $0["status"] == "False" }
        }
    }
}
