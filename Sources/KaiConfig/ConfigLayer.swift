import Foundation
import KaiCore

/// The settings one place gives (the flags, the environment or the config file); a setting it
/// does not give is nil. ``Configuration`` takes each setting from the highest layer that has it.
public struct ConfigLayer: Sendable {
    public var provider: Sourced<ProviderKind>?
    public var model: Sourced<String>?
    public var baseURL: Sourced<URL>?
    /// A file holding the API key (config file only: keys never come from a flag).
    public var apiKeyFile: Sourced<String>?
    public var apiVersion: Sourced<String>?
    public var interpreter: Sourced<InterpreterMode>?
    public var toolMode: Sourced<ToolMode>?
    public var maxRounds: Sourced<Int>?
    public var modelTimeout: Sourced<Double>?
    public var policy: Sourced<String>?
    public var prompts: Sourced<String>?
    public var namespace: Sourced<String>?
    public var output: Sourced<OutputFormat>?
    public var readOnly: Sourced<Bool>?

    /// A layer that gives nothing.
    public init() {}
}

/// The values every layer checks the same way, whichever place they come from.
public enum SettingValue {
    /// How many rounds of read operations a model may ask for before it must answer.
    public static let rounds = 1...10
    /// Seconds a whole model request may take.
    public static let modelSeconds = 1.0...600.0

    public static func provider(_ text: String) -> Result<ProviderKind, InvalidSetting> {
        guard let kind = ProviderKind(rawValue: text.lowercased()) else {
            return .failure("\"\(text)\" is not a provider; kai speaks \(ProviderKind.names.joined(separator: ", ")).")
        }
        return .success(kind)
    }

    public static func interpreter(_ text: String) -> Result<InterpreterMode, InvalidSetting> {
        InterpreterMode(rawValue: text.lowercased()).map { .success($0) }
            ?? .failure("\"\(text)\" is not an interpreter; use \(InterpreterMode.names.joined(separator: ", ")).")
    }

    public static func toolMode(_ text: String) -> Result<ToolMode, InvalidSetting> {
        ToolMode(rawValue: text.lowercased()).map { .success($0) }
            ?? .failure("\"\(text)\" is not a tool mode; use \(ToolMode.names.joined(separator: ", ")).")
    }

    public static func output(_ text: String) -> Result<OutputFormat, InvalidSetting> {
        OutputFormat(rawValue: text.lowercased()).map { .success($0) }
            ?? .failure("\"\(text)\" is not an output format; use \(OutputFormat.names.joined(separator: " or ")).")
    }

    /// An http or https URL with a host; its credentials, if any, are never repeated in the message.
    public static func baseURL(_ text: String) -> Result<URL, InvalidSetting> {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty else {
            return .failure("it is not an http:// or https:// URL with a host, such as http://127.0.0.1:11434/v1.")
        }
        return .success(url)
    }

    public static func rounds(_ text: String) -> Result<Int, InvalidSetting> {
        guard let value = Int(text), Self.rounds.contains(value) else {
            return .failure("the number of model rounds must be a whole number from \(Self.rounds.lowerBound) to \(Self.rounds.upperBound), not \"\(text)\".")
        }
        return .success(value)
    }

    public static func seconds(_ text: String) -> Result<Double, InvalidSetting> {
        let number = text.hasSuffix("s") ? String(text.dropLast()) : text
        guard let value = Double(number), modelSeconds.contains(value) else {
            return .failure("the model timeout must be from \(Int(modelSeconds.lowerBound)) to \(Int(modelSeconds.upperBound)) seconds, not \"\(text)\".")
        }
        return .success(value)
    }

    /// A Kubernetes namespace name (an RFC 1123 label).
    public static func namespace(_ text: String) -> Result<String, InvalidSetting> {
        guard DNSLabel.isValid(text) else {
            return .failure("\"\(text)\" is not a namespace name (lowercase letters, digits and '-', at most 63).")
        }
        return .success(text)
    }

    public static func bool(_ text: String) -> Result<Bool, InvalidSetting> {
        switch text.lowercased() {
        case "1", "true", "yes", "on": .success(true)
        case "0", "false", "no", "off", "": .success(false)
        default: .failure("\"\(text)\" is not true or false.")
        }
    }
}

/// Why a setting's text is not a valid value, in a sentence.
public struct InvalidSetting: Error, Sendable, ExpressibleByStringInterpolation {
    public let detail: String

    public init(stringLiteral value: String) { detail = value }
}
