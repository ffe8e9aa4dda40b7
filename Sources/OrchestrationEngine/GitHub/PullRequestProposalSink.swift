import CodeHosts
import Foundation
import InfinityModel
import InfinitySystem
import SelfHealing

/// Hands verified heal changes to a code host's change proposer: the changed files of the
/// scratch clone become one commit on an `infinity/heal/…` branch and a pull request against
/// the repository's default branch (an existing branch or pull request is reused). The
/// default branch itself is never written to.
public struct PullRequestProposalSink: HealProposalSink {
    public var proposer: any ChangeProposer
    /// Repository name → (`owner/name`, default branch), from the manifest.
    public var repositories: [String: (fullName: String, defaultBranch: String)]
    public var fileSystem: FileSystem

    public init(proposer: any ChangeProposer, repositories: [String: (fullName: String, defaultBranch: String)], fileSystem: FileSystem = .live) {
        self.proposer = proposer
        self.repositories = repositories
        self.fileSystem = fileSystem
    }

    public func propose(_ p: HealProposal) async throws -> HealProposalReceipt {
        guard let target = repositories[p.repository] else {
            throw HealProposalError("\(p.repository) is not in the manifest; cannot open a pull request", repository: p.repository)
        }
        var files: [String: Data] = [:]
        for path in p.changedFiles {
            // Deleted files cannot be expressed as contents; they are left out and named in the body.
            guard let data = try? fileSystem.readFile(Paths.join(p.clone, path)) else { continue }
            files[path] = data
        }
        guard !files.isEmpty else {
            throw HealProposalError("the change only deletes files, which pull requests from infinity cannot express yet", repository: p.repository)
        }
        let parts = p.branch.split(separator: "/")
        let category = parts.count >= 3 ? String(parts[2]) : "fix"
        let request = ChangeRequest(
            repository: target.fullName, baseBranch: target.defaultBranch, category: category, baseSHA: p.baseSHA ?? "",
            title: p.title, body: p.body, commitMessage: p.title, files: files)
        let change = try await proposer.propose(request)
        return HealProposalReceipt(branch: change.branch, commit: p.baseSHA ?? "", reused: change.reused, url: change.url)
    }
}
