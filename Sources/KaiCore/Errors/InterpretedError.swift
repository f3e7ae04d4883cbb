/// An error together with the interpreter that met it, so that machine output says who failed: the
/// local grammar, or a model (its reply unusable, or a plan of its drafts that could not be made).
///
/// ```swift
/// throw InterpretedError(providerError, by: .model)   // -o json: "interpreter": "model"
/// ```
public struct InterpretedError: KaiError {
    /// The error as it was thrown.
    public let error: any KaiError
    public let interpreter: InterpreterKind

    /// `error`, met by `interpreter`.
    public init(_ error: any KaiError, by interpreter: InterpreterKind) {
        self.error = (error as? InterpretedError)?.error ?? error
        self.interpreter = interpreter
    }

    public var problem: String { error.problem }
    public var remedy: String { error.remedy }
    public var category: FailureCategory { error.category }
}
