@testable import KaiSandbox
import Testing

/// The autoscaler's replica proposal for CPU: pods not ready yet (a rollout's surge) count as
/// idle when the ready ones ask for more replicas, as kube-controller-manager counts them.
@Suite("Autoscaler proposals")
struct AutoscalerProposalTests {
    /// `pods` running pods using `used` of `requested` millicores in all, `unready` of them not ready (each using `unreadyUse`).
    private func reading(used: Int, requested: Int, pods: Int, unready: Int = 0, unreadyUse: Int = 0) -> AutoscalerController.Utilization {
        let each = requested / pods
        return AutoscalerController.Utilization(used: used, requested: requested, pods: pods, readyUsed: used - unready * unreadyUse,
                                                readyRequested: requested - unready * each, readyPods: pods - unready)
    }

    @Test func aRolloutsSurgePodDoesNotScaleUp() {
        // Three ready pods at 90% of a 70% target ask for 4.
        #expect(AutoscalerController.proposal(reading(used: 270, requested: 300, pods: 3), target: 70, current: 2) == 4)
        // Two ready at 90% and a new one not ready: counted idle, the three are at 60%, within reach of 70%.
        #expect(AutoscalerController.proposal(reading(used: 230, requested: 300, pods: 3, unready: 1, unreadyUse: 50), target: 70, current: 2) == 2)
    }

    @Test func loadAboveTheTargetEvenWithTheNewPodIdleScalesUp() {
        // 150% across the two ready pods is 100% across all three: 3 × 100/70 rounds up to 5.
        #expect(AutoscalerController.proposal(reading(used: 340, requested: 300, pods: 3, unready: 1, unreadyUse: 40), target: 70, current: 3) == 5)
    }

    @Test func belowTheTargetEveryRunningPodCounts() {
        #expect(AutoscalerController.proposal(reading(used: 40, requested: 400, pods: 4, unready: 1, unreadyUse: 10), target: 70, current: 4) == 1)
        // Within 10% of the target nothing changes.
        #expect(AutoscalerController.proposal(reading(used: 130, requested: 200, pods: 2), target: 70, current: 2) == 2)
    }
}
