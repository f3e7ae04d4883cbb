import Foundation
import Yams

/// One kubeconfig file read from disk: where it is (relative paths inside it are resolved
/// against its folder) and what it says.
struct KubeconfigFile: Sendable {
    /// The file's absolute path.
    let path: String
    let document: KubeconfigDocument

    /// The folder relative paths in this file are resolved against.
    var directory: String { LocalFile.directory(of: path) }

    /// Reads and parses the file at the absolute `path`.
    static func read(_ path: String) throws(KubeconfigError) -> KubeconfigFile {
        let bytes: [UInt8]
        do {
            bytes = try LocalFile.contents(of: path)
        } catch {
            throw error.isMissing ? .missingFile(path) : .unreadable(path, what: "the kubeconfig", reason: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformed(path, "it is not UTF-8 text")
        }
        return KubeconfigFile(path: path, document: try parse(text, path: path))
    }

    /// Parses kubeconfig YAML (or JSON) text; an empty document is an empty kubeconfig, as for kubectl.
    static func parse(_ text: String, path: String) throws(KubeconfigError) -> KubeconfigDocument {
        do {
            // The basic resolver compiles no regular expressions; KubeconfigNodes reads scalars by their text.
            guard let node = try Yams.compose(yaml: text, .basic), !KubeconfigNodes.isNull(node) else { return .empty }
            return try KubeconfigNodes.document(node)
        } catch let error as YamlError {
            throw .malformed(path, "it is not valid YAML (\(describe(error)))")
        } catch let fault as KubeconfigNodes.Fault {
            throw .malformed(path, fault.description)
        } catch {
            throw .malformed(path, "\(error)")
        }
    }

    /// Where and what, without the snippet of the file Yams would quote: that line may hold a token.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "line \(context.mark.line): the key \(duplicates.sorted().joined(separator: ", ")) appears twice"
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "the YAML parser failed"
        }
    }
}
