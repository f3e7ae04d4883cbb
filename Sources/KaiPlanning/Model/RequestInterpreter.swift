import KaiConfig
import KaiCore
import KaiKube

/// Chooses who reads a request: the local grammar first and the model when the grammar is not
/// sure or names something the cluster does not have (`auto`), the grammar alone (`local`), or
/// the model always (`model`). The catalog's refusals stand in every mode.
public struct RequestInterpreter: Sendable {
    public let planner: Planner
    /// nil when no provider is configured.
    public let model: ModelPlanner?
    public let mode: InterpreterMode

    public init(planner: Planner, model: ModelPlanner?, mode: InterpreterMode) {
        self.planner = planner
        self.model = model
        self.mode = mode
    }

    /// The plan for `request`, or the model's answer to it. An error met while the model planned is
    /// thrown as an ``InterpretedError`` by the model.
    ///
    /// In `auto`, the model is handed what the grammar could not finish: a request it is not sure of
    /// (an operation word it could not place), a name the cluster does not have here, a target or a
    /// value left out, a value it could not read. A refusal stays a refusal.
    public func interpret(_ request: String) async throws -> ModelPlanner.Outcome {
        switch (mode, model) {
        case (.local, _), (.auto, nil):
            return .plan(try planner.plan(request))
        case (.model, nil):
            throw ConfigError(.builtIn, "the interpreter is model, but no model provider is configured.",
                              fix: "Set --provider (or provider: in config.yaml), or use --interpreter auto.")
        case (.model, let model?):
            guard !request.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RequestError.empty }
            // What the catalog refuses is refused before any model could read it as something else.
            if let refusal = planner.catalogRefusal(request) { return .plan(refusal) }
            return try await ask(model, request)
        case (.auto, let model?):
            do {
                switch try planner.interpretLocally(request) {
                case .plan(let plan): return .plan(plan)
                case .unsure: return try await ask(model, request)
                }
            } catch let error as ResolutionError where [.unknown, .missing].contains(error.reason) {
                // The grammar took a word for a name the cluster does not have, or missed the target or value.
                return try await ask(model, request)
            } catch is ValueError {
                // A value the grammar could not read may be one it misread.
                return try await ask(model, request)
            }
        }
    }

    private func ask(_ model: ModelPlanner, _ request: String) async throws -> ModelPlanner.Outcome {
        do {
            return try await model.plan(request)
        } catch let error as any KaiError {
            throw InterpretedError(error, by: .model)
        }
    }
}
