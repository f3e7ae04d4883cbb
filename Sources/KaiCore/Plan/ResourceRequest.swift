/// Requests and limits as asked for, before the resolver reads the container's current values:
/// absolute ("memory limit to 512Mi"), removed, or relative ("raise memory by half").
public struct ResourceRequest: Sendable, Hashable {
    /// What is asked of one setting.
    public enum Amount: Sendable, Hashable {
        case exactly(ResourceSetting)
        /// The current value times `numerator / denominator`, rounded up to a millicore or a mebibyte.
        case scaled(numerator: Int, denominator: Int)
    }

    /// The settings asked for.
    public var amounts: [ResourceField: Amount]
    /// Resources named without saying request or limit ("give the frontend 250m cpu"): the request is
    /// set, and the limit is raised to match when it would otherwise end below it.
    public var limitFollows: Set<ResourceName>

    /// A request for `amounts`.
    public init(_ amounts: [ResourceField: Amount] = [:], limitFollows: Set<ResourceName> = []) {
        self.amounts = amounts
        self.limitFollows = limitFollows
    }
}
