import ArgumentParser
import KaiSandbox

/// How the embedded sandbox starts: faults in force and lines in its components' logs.
/// `kai sandbox serve` takes them, and every command with `--sandbox`.
public struct SandboxOptions: ParsableArguments {
    @Option(name: .customLong("fault"), help: ArgumentHelp(
        "Inject a fault into a sandbox component's pods; repeatable. FAULT is one of \(Fault.names). At run time: PUT /kai-sandbox/v1/faults.",
        valueName: "component=fault"))
    public var faults: [String] = []

    @Option(name: .customLong("log-line"), help: ArgumentHelp(
        "Append a line to a sandbox component's logs, as if its software wrote it; repeatable. At run time: POST /kai-sandbox/v1/logs/COMPONENT.",
        valueName: "component=text"))
    public var logLines: [String] = []

    public init() {}

    public func validate() throws {
        for fault in faults where FaultBook.parse(fault) == nil {
            throw ValidationError("--fault \(fault) is not COMPONENT=FAULT with FAULT one of \(Fault.names), e.g. --fault backend=crashloop.")
        }
        for line in logLines where LogBook.parse(line) == nil {
            throw ValidationError("--log-line \(line) is not COMPONENT=TEXT, e.g. --log-line 'backend=task created'.")
        }
    }

    /// Whether any option was given.
    public var isEmpty: Bool { faults.isEmpty && logLines.isEmpty }

    /// The faults by component (the last one given for a component wins).
    public var injectedFaults: [String: Fault] { Dictionary(faults.compactMap(FaultBook.parse).map { ($0.component, $0.fault) }) { $1 } }

    /// The appended lines by component, in the order given.
    public var injectedLines: [String: [String]] {
        logLines.compactMap(LogBook.parse).reduce(into: [:]) { $0[$1.component, default: []].append($1.line) }
    }
}
