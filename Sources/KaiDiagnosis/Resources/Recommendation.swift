import Foundation
import KaiKube

/// How recommended requests and limits are reached from observed usage. The rules, in one place:
///
/// - CPU request: the peak plus 25%; under an autoscaler on CPU, the peak divided by its target
///   utilisation instead, so that today's peak sits at the target. Rounded up to 5m, at least 10m.
/// - CPU limit: twice the request or 1.5 times the peak, whichever is more, rounded up to 50m.
/// - Memory request: the peak plus 20%, rounded up to 16Mi, at least 32Mi.
/// - Memory limit: the peak plus 50% (and at least the request plus 25%), rounded up to 64Mi;
///   after an OOM kill the usage seen is capped by the old limit, so at least 1.5 times that.
public enum Recommendation {
    static let mebibyte = 1_048_576.0

    /// The recommendation for a container with these settings and this peak usage.
    static func recommend(requests: Amounts, limits: Amounts, peak: Amounts, cpuTarget: Int?, oomKilled: Bool,
                          valuesComponent: String?) -> ContainerResources.Recommended? {
        guard let cpuPeak = peak.cpu, let memoryPeak = peak.memory else { return nil }
        var reasoning: [String] = []
        let cpuRequest: Double
        if let cpuTarget, cpuTarget > 0 {
            cpuRequest = roundUp(max(cpuPeak / (Double(cpuTarget) / 100), 0.010), to: 0.005)
            reasoning.append("CPU request \(Quantity.millicores(cpuRequest)): peak \(Quantity.millicores(cpuPeak)) at the autoscaler's \(cpuTarget)% target (\(Quantity.millicores(cpuPeak)) / \(Double(cpuTarget) / 100)), rounded up; it scales out when use rises above that.")
        } else {
            cpuRequest = roundUp(max(cpuPeak * 1.25, 0.010), to: 0.005)
            reasoning.append("CPU request \(Quantity.millicores(cpuRequest)): peak \(Quantity.millicores(cpuPeak)) plus 25%, rounded up.")
        }
        let cpuLimit = roundUp(max(cpuRequest * 2, cpuPeak * 1.5), to: 0.050)
        reasoning.append("CPU limit \(Quantity.millicores(cpuLimit)): twice the request (or 1.5 times the peak), room for bursts before throttling.")
        let memoryRequest = roundUp(max(memoryPeak * 1.2, 32 * mebibyte), to: 16 * mebibyte)
        reasoning.append("Memory request \(Quantity.mebibytes(memoryRequest)): peak \(Quantity.mebibytes(memoryPeak)) plus 20%, rounded up to 16Mi.")
        var memoryLimit = roundUp(max(memoryPeak * 1.5, memoryRequest * 1.25), to: 64 * mebibyte)
        if oomKilled {
            memoryLimit = max(memoryLimit, raisedMemoryLimit(current: limits.memory, peak: memoryPeak))
            reasoning.append("Memory limit \(Quantity.mebibytes(memoryLimit)): it was OOM-killed at \(limits.memory.map(Quantity.mebibytes) ?? "its limit"), so at least 1.5 times that; usage seen was capped by the old limit.")
        } else {
            reasoning.append("Memory limit \(Quantity.mebibytes(memoryLimit)): peak plus 50%, rounded up to 64Mi; memory cannot be throttled, only killed, so the margin is wider.")
        }
        if let current = limits.memory, memoryLimit < current / 2 {
            reasoning.append("That is less than half today's memory limit (\(Quantity.mebibytes(current))): lower it only after a longer history of use agrees.")
        }
        let recommended = Amounts(cpu: cpuRequest, memory: memoryRequest), limit = Amounts(cpu: cpuLimit, memory: memoryLimit)
        let values: [ValuesSetting] = valuesComponent.map { component in
            [(ChartValues.Bound.requests, "cpu", Quantity.millicores(cpuRequest)), (.requests, "memory", Quantity.mebibytes(memoryRequest)),
             (.limits, "cpu", Quantity.millicores(cpuLimit)), (.limits, "memory", Quantity.mebibytes(memoryLimit))]
                .map { ValuesSetting(key: ChartValues.resourceKey(component: component, $0.0, $0.1), value: $0.2) }
        } ?? []
        return ContainerResources.Recommended(requests: recommended, limits: limit, reasoning: reasoning, values: values, fix: nil)
    }

    /// A memory limit for a container killed for memory: 1.5 times the old limit (or the peak),
    /// rounded up to 64Mi; 512Mi when neither is known.
    public static func raisedMemoryLimit(current: Double?, peak: Double?) -> Double {
        guard let base = [current, peak].compactMap({ $0 }).max() else { return 512 * mebibyte }
        return roundUp(base * 1.5, to: 64 * mebibyte)
    }

    static func roundUp(_ value: Double, to step: Double) -> Double { (value / step).rounded(.up) * step }
}
