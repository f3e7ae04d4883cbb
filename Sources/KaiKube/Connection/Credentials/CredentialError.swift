import Foundation
import KaiCore
import KaiSpawn

/// Credentials that could not be obtained: a token file that cannot be read, a credential
/// plugin that is missing, fails, hangs or answers nonsense.
///
/// Messages name the file or command and never contain a token or key.
public struct CredentialError: KaiError, Equatable {
    /// What kind of fault it is.
    public enum Reason: String, Sendable, Codable {
        /// A token file is missing, unreadable or empty.
        case tokenFile
        /// The plugin's command is not on PATH or not executable.
        case pluginNotFound
        /// The plugin exited with a non-zero status, or could not be started.
        case pluginFailed
        /// The plugin did not finish in time.
        case pluginTimedOut
        /// The plugin printed something that is not a usable `ExecCredential`.
        case malformedReply
        /// The plugin needs a terminal that kai does not give it.
        case needsTerminal
    }

    public let reason: Reason
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .usage }

    /// A credential error.
    public init(_ reason: Reason, problem: String, remedy: String) {
        self.reason = reason
        self.problem = problem
        self.remedy = remedy
    }
}

extension CredentialError {
    static func tokenFile(_ path: String, _ detail: String) -> CredentialError {
        CredentialError(.tokenFile, problem: "Cannot use the token file \(path): \(detail).",
                        remedy: "Check that the file exists, holds a token and that kai may read it; or fix tokenFile in the kubeconfig.")
    }

    static func notFound(_ command: String, installHint: String?) -> CredentialError {
        let hint = installHint?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return CredentialError(
            .pluginNotFound, problem: "The credential plugin \(command) was not found or is not executable.",
            remedy: hint.isEmpty ? "Install it, or fix the exec command of the kubeconfig user." : hint)
    }

    static func failed(_ command: String, _ termination: Termination, stderr: String) -> CredentialError {
        let said = lastLine(of: stderr).map { ": \($0)" } ?? ""
        return CredentialError(
            .pluginFailed, problem: "The credential plugin \(command) \(termination)\(said).",
            remedy: "Run it yourself to see why (often an expired login), then try again.")
    }

    static func timedOut(_ command: String, after timeout: Duration) -> CredentialError {
        CredentialError(
            .pluginTimedOut, problem: "The credential plugin \(command) did not finish within \(seconds(timeout)), so kai stopped it.",
            remedy: "It may be waiting for a login or input kai cannot give: run it yourself first, then try again. "
                + "If it is only slow, raise --request-timeout, which bounds each run of a credential plugin too.")
    }

    static func malformed(_ command: String, _ detail: String) -> CredentialError {
        CredentialError(
            .malformedReply, problem: "The credential plugin \(command) printed no usable ExecCredential: \(detail).",
            remedy: "Check the exec apiVersion in the kubeconfig matches what the plugin speaks, or update the plugin.")
    }

    static func needsTerminal(_ command: String) -> CredentialError {
        CredentialError(
            .needsTerminal, problem: "The credential plugin \(command) has interactiveMode Always, but kai runs plugins without a terminal.",
            remedy: "Log in with the plugin yourself first, or set interactiveMode: IfAvailable in the kubeconfig user's exec section.")
    }

    /// `60 s`, or `300 ms` for deadlines under a second.
    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(seconds) s" : "\(milliseconds) ms"
    }

    /// The last non-empty line of a plugin's standard error, short enough for one message.
    private static func lastLine(of text: String) -> String? {
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 200 ? trimmed.prefix(200) + "…" : trimmed
    }
}
