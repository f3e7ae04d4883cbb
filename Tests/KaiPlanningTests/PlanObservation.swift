import KaiCore
import KaiPlanning
import KaiSandbox
import KaiTestSupport

/// What `planner` makes of `request`, in the terms a corpus compares; a step outside the todo
/// stack's namespace carries its namespace as an argument.
func observe(_ planner: Planner, _ request: String) -> ObservedOutcome {
    do {
        let plan = try planner.plan(request)
        if let refusal = plan.refusal { return .refusal(refusal.reason) }
        return .steps(plan.steps.map { step in
            var arguments: [String: ExpectedValue] = step.operation.arguments.reduce(into: [:]) { arguments, argument in
                arguments[argument.name] = switch argument.value {
                case .int(let value): .int(value)
                case .bool(let value): .bool(value)
                case .string(let value): .string(value)
                }
            }
            if step.operation.namespace != TodoStackSeed.namespace { arguments["namespace"] = .string(step.operation.namespace) }
            return ObservedStep(op: step.operation.name.rawValue, risk: step.operation.risk.rawValue, target: step.operation.target?.name,
                                arguments: arguments)
        })
    } catch let error as any KaiError {
        return .error(error.description)
    } catch {
        return .error("not a KaiError: \(error)")
    }
}
