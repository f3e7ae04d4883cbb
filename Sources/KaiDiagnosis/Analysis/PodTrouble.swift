import Foundation
import KaiKube

/// What is wrong with one pod, read from its status and events: the most fundamental trouble
/// first (a pod that cannot be scheduled has no containers to crash).
struct PodTrouble: Sendable, Hashable {
    /// The kind of trouble, as the finding's reason.
    let reason: ReasonCode
    /// The container in trouble, when it is about one.
    let container: String?

    /// Pods younger than this that are merely not ready yet are starting, not failing.
    static let startupGrace: TimeInterval = 60

    /// The trouble of `pod`, or nil when it looks fine (or is only starting).
    static func of(_ pod: Pod, in evidence: Evidence) -> PodTrouble? {
        if let scheduled = pod.status?.conditions?["PodScheduled"], !scheduled.isTrue, scheduled.reason == "Unschedulable" {
            let claims = pendingClaims(of: pod, in: evidence)
            return PodTrouble(reason: claims.isEmpty ? .unschedulable : .volumeClaimPending, container: nil)
        }
        for status in pod.containerStatuses {
            switch status.state?.waiting?.reason {
            case "CreateContainerConfigError", "CreateContainerError": return PodTrouble(reason: .createContainerConfigError, container: status.name)
            case "ImagePullBackOff", "InvalidImageName": return PodTrouble(reason: .imagePullBackOff, container: status.name)
            case "ErrImagePull": return PodTrouble(reason: .errImagePull, container: status.name)
            default: continue
            }
        }
        for status in pod.containerStatuses where status.state?.terminated?.reason == "OOMKilled"
            || status.lastState?.terminated?.reason == "OOMKilled" && (!status.ready || ended(status, within: 3600, of: evidence.readAt)) {
            return PodTrouble(reason: .oomKilled, container: status.name)
        }
        // Between two crashes a container runs, and may even pass its readiness probe, for a moment:
        // one that ended in the last minutes is crash-looping still.
        for status in pod.containerStatuses where status.state?.waiting?.reason == "CrashLoopBackOff"
            || (status.restartCount > 0 && status.lastState?.terminated != nil && (!status.ready || ended(status, within: restartWindow, of: evidence.readAt))) {
            let killedByProbe = evidence.events(about: "Pod", pod.metadata.name).contains { $0.message?.contains("failed liveness probe") == true }
            return PodTrouble(reason: killedByProbe ? .livenessProbeFailed : .crashLoopBackOff, container: status.name)
        }
        let unhealthy = evidence.events(about: "Pod", pod.metadata.name).filter { $0.reason == "Unhealthy" }
        if unhealthy.contains(where: { $0.message?.hasPrefix("Liveness probe failed") == true }), pod.restarts > 0 {
            return PodTrouble(reason: .livenessProbeFailed, container: firstUnready(in: pod))
        }
        if !pod.isReady, pod.phase == "Running" {
            if unhealthy.contains(where: { $0.message?.hasPrefix("Readiness probe failed") == true }) {
                return PodTrouble(reason: .readinessProbeFailed, container: firstUnready(in: pod))
            }
            if isPastStartup(pod, at: evidence.readAt), let status = pod.containerStatuses.first(where: { !$0.ready }),
               pod.container(status.name)?.readinessProbe != nil {
                return PodTrouble(reason: .readinessProbeFailed, container: status.name)
            }
        }
        return nil
    }

    /// A container that ended this recently and runs again is still restarting, not recovered.
    static let restartWindow: TimeInterval = 600

    /// Whether the container's last run ended less than `seconds` before `time`.
    private static func ended(_ status: ContainerStatus, within seconds: TimeInterval, of time: Date) -> Bool {
        guard let finished = status.lastState?.terminated?.finishedAt.flatMap(KubeTime.parse) else { return false }
        return time.timeIntervalSince(finished) < seconds
    }

    /// Whether `pod` started longer ago than ``startupGrace`` before `time`.
    static func isPastStartup(_ pod: Pod, at time: Date) -> Bool {
        let started = pod.status?.startTime.flatMap(KubeTime.parse) ?? pod.metadata.created ?? time
        return time.timeIntervalSince(started) > startupGrace
    }

    /// The claims `pod` mounts that no volume is bound to.
    static func pendingClaims(of pod: Pod, in evidence: Evidence) -> [String] {
        let names = (pod.spec?.volumes ?? []).compactMap(\.persistentVolumeClaim?.claimName)
        return names.filter { name in
            guard let claims = evidence.claims else { return false }
            return claims.first { $0.metadata.name == name }?.phase != "Bound"
        }
    }

    /// The container a probe failure is about: the first one not ready.
    private static func firstUnready(in pod: Pod) -> String? {
        (pod.containerStatuses.first { !$0.ready } ?? pod.containerStatuses.first)?.name
    }
}
