import Foundation
import KaiCore
import KaiExecutor

/// Where pending approvals wait for `kai approve ID`: one file each under
/// `$XDG_STATE_HOME/kai/approvals/`, readable by the person's account alone. Taking an approval
/// renames its file, which only one process can do, so an id runs at most once.
public struct ApprovalStore: Sendable {
    public let folder: String

    /// The store in `folder`.
    public init(folder: String) { self.folder = folder }

    /// The store beside the audit log: `$XDG_STATE_HOME/kai/approvals` (else `~/.local/state/kai/approvals`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ApprovalStore {
        let audit = AuditLog.standard(environment: environment).path
        return ApprovalStore(folder: (audit as NSString).deletingLastPathComponent + "/approvals")
    }

    /// The letters of an id: no 0/o or 1/l/i, which a person may misread.
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    /// Ten letters of 31: about 49 bits, and short enough to type.
    static let idLength = 10

    /// Writes an approval offer for `plan` and returns it.
    public func offer(_ plan: Plan, agent: String, cluster: AuditContext, lifetime: Duration, now: Date = Date()) throws(ApprovalError) -> PendingApproval {
        var generator = SystemRandomNumberGenerator()
        let id = String((0..<Self.idLength).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt(Self.alphabet.count)))] })
        let approval = PendingApproval(id: id, plan: plan, agent: agent, cluster: cluster, now: now, lifetime: lifetime)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .secondsSince1970
            let data = try encoder.encode(approval)
            guard FileManager.default.createFile(atPath: path(id), contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw ApprovalError(problem: "Cannot write the approval file \(path(id)).", remedy: "Check that kai may write to \(folder).")
            }
        } catch let error as ApprovalError {
            throw error
        } catch {
            throw ApprovalError(problem: "Cannot write the approval file in \(folder): \(error.localizedDescription).",
                                remedy: "Check that kai may write to \(folder).")
        }
        return approval
    }

    /// The pending approval `id`, as its file says; a used, unknown or damaged one is an error that says which.
    public func pending(_ id: String) throws(ApprovalError) -> PendingApproval {
        guard id.count == Self.idLength, id.allSatisfy(Self.alphabet.contains) else {
            throw ApprovalError(problem: "\"\(id)\" is not an approval id: ids are \(Self.idLength) letters and digits, as `kai mcp` gave them.",
                                remedy: "Copy the id from the agent's message, e.g. kai approve k7m2q9x4ab.", category: .usage)
        }
        guard let data = FileManager.default.contents(atPath: path(id)) else {
            if FileManager.default.fileExists(atPath: path(id) + Self.usedSuffix) {
                throw ApprovalError(problem: "Approval \(id) was already used (approved or declined); an id runs at most once. Nothing was changed.",
                                    remedy: "If the change is still wanted, ask the agent to propose it again.")
            }
            throw ApprovalError(problem: "There is no pending approval \(id) in \(folder).",
                                remedy: "Check the id, and that kai approve uses the same XDG_STATE_HOME as the kai mcp that offered it.", category: .usage)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let approval = try? decoder.decode(PendingApproval.self, from: data), approval.id == id, approval.isIntact else {
            throw ApprovalError(problem: "The approval file \(path(id)) was changed after kai mcp wrote it. Nothing was changed.",
                                remedy: "Ask the agent to propose the change again.")
        }
        return approval
    }

    /// Marks `id` used, before the person is asked: true for the one caller that did it.
    public func take(_ id: String) -> Bool {
        rename(path(id), path(id) + Self.usedSuffix) == 0
    }

    static let usedSuffix = ".used"

    private func path(_ id: String) -> String { folder + "/" + id + ".json" }
}

/// An approval that cannot be used: unknown, used, expired, changed, or for another cluster. Nothing runs.
public struct ApprovalError: KaiError, Equatable {
    public let problem: String
    public let remedy: String
    public let category: FailureCategory

    /// An approval failure; by default a confirmation not given (exit 3).
    public init(problem: String, remedy: String, category: FailureCategory = .confirmation) {
        self.problem = problem
        self.remedy = remedy
        self.category = category
    }
}
