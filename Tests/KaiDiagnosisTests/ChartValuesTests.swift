import Foundation
import KaiDiagnosis
import Testing
import Yams

/// Every values.yaml key kai's advice names is a key of the chart's values.yaml, so the advice
/// and the chart cannot drift apart.
@Suite("Chart values named in advice")
struct ChartValuesTests {
    let values: [String: Any] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../charts/todo-chatbot/values.yaml")
        let text = (try? String(contentsOf: file.standardizedFileURL, encoding: .utf8)) ?? ""
        return ((try? Yams.load(yaml: text)) as? [String: Any]) ?? [:]
    }()

    func exists(_ key: String) -> Bool {
        var node: Any? = values
        for part in key.split(separator: ".") { node = (node as? [String: Any])?[String(part)] }
        return node != nil
    }

    @Test func everyKeyTheAdviceNamesIsInTheChartsValues() {
        #expect(!values.isEmpty)
        var keys: [String] = []
        for component in ["backend", "frontend", "postgres"] {
            for bound in [ChartValues.Bound.requests, .limits] {
                keys += ["cpu", "memory"].map { ChartValues.resourceKey(component: component, bound, $0) }
            }
            keys.append(ChartValues.imageTagKey(component: component))
        }
        for component in ["backend", "frontend"] {
            keys += [ChartValues.replicasKey(component: component), ChartValues.environmentKey(component: component),
                     ChartValues.probeKey(component: component, liveness: true), ChartValues.probeKey(component: component, liveness: false)]
        }
        keys += ["DATABASE_URL", "BETTER_AUTH_SECRET", "POSTGRES_PASSWORD", "OPENAI_API_KEY"].map(ChartValues.secretKey)
        for key in keys { #expect(exists(key), "\(key) is not in charts/todo-chatbot/values.yaml") }
    }
}
