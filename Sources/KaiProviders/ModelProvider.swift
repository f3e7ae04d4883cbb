import KaiCore

/// A language model behind one wire format. Its only power in kai is to answer in text or to
/// call the tools it is given; everything it returns is checked before anything runs.
public protocol ModelProvider: Sendable {
    /// Which provider and model, for messages and reports: "openai gpt-4o-mini".
    var name: String { get }
    /// Sends `request` and returns the reply; text is handed to `onText` as it streams in.
    /// Throws a ``ProviderError``, or `CancellationError` when the person stopped the request.
    func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) -> Void) async throws -> ModelReply
    /// A cheap request that proves the server answers and accepts the key (for `kai doctor`).
    func probe() async throws
    /// Closes the connections.
    func shutdown() async
}
