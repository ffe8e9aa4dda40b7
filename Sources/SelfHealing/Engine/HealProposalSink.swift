import Foundation
import InfinitySystem

/// A verified change ready to be proposed: the scratch clone holds it uncommitted on `branch`.
public struct HealProposal: Sendable, Hashable {
    public var repository: String
    /// Where the repository lives (a local path or URL), the clone's `origin`.
    public var origin: String
    /// The scratch clone with the change in its work tree, on `branch`.
    public var clone: String
    /// `infinity/heal/<category>/<short-sha>`: one branch per cause, reused when it exists.
    public var branch: String
    public var baseSHA: String?
    public var title: String
    public var body: String
    public var changedFiles: [String]

    public init(repository: String, origin: String, clone: String, branch: String, baseSHA: String?, title: String, body: String, changedFiles: [String]) {
        self.repository = repository
        self.origin = origin
        self.clone = clone
        self.branch = branch
        self.baseSHA = baseSHA
        self.title = title
        self.body = body
        self.changedFiles = changedFiles
    }
}

/// Where a proposal ended up.
public struct HealProposalReceipt: Sendable, Hashable {
    public var branch: String
    public var commit: String
    /// The branch existed already and was updated rather than created.
    public var reused: Bool
    /// A pull request or other link, when the sink makes one.
    public var url: String?

    public init(branch: String, commit: String, reused: Bool, url: String? = nil) {
        self.branch = branch
        self.commit = commit
        self.reused = reused
        self.url = url
    }
}

/// The seam where verified heal changes leave the engine. The local implementation commits on
/// a branch and pushes that branch (never a default branch) to the local repository; a GitHub
/// implementation (through CodeHosts' change proposer) pushes the branch and opens a pull request.
public protocol HealProposalSink: Sendable {
    func propose(_ proposal: HealProposal) async throws -> HealProposalReceipt
}

/// Commits the change on the proposal branch in the scratch clone and pushes that branch to
/// the repository it was cloned from. Refuses the default branch and `main`/`master`.
public struct LocalBranchProposalSink: HealProposalSink {
    public var git: GitCLI
    public var fileSystem: FileSystem
    /// The identity of heal commits.
    public var author: (name: String, email: String)

    public init(git: GitCLI = GitCLI(), fileSystem: FileSystem = .live, author: (name: String, email: String) = ("Infinity Orchestrator", "infinity@localhost")) {
        self.git = git
        self.fileSystem = fileSystem
        self.author = author
    }

    public func propose(_ p: HealProposal) async throws -> HealProposalReceipt {
        guard p.branch.hasPrefix("infinity/heal/") else {
            throw HealProposalError("refusing to commit on \(p.branch): heal branches start with infinity/heal/", repository: p.repository)
        }
        let remote = String(decoding: try await git.run(in: p.clone, ["ls-remote", "--heads", "origin", "refs/heads/\(p.branch)"]), as: UTF8.self)
        let reused = !remote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        let identity = ["-c", "user.name=\(author.name)", "-c", "user.email=\(author.email)", "-c", "commit.gpgsign=false"]
        try await git.run(in: p.clone, ["add", "-A", "--"] + p.changedFiles)
        try await git.run(in: p.clone, identity + ["commit", "-q", "-m", p.title, "-m", p.body])
        let commit = String(decoding: try await git.run(in: p.clone, ["rev-parse", "HEAD"]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // The branch is ours alone: a re-made fix replaces the earlier one instead of stacking a duplicate.
        try await git.run(in: p.clone, ["push", "-q", "--force", "origin", "HEAD:refs/heads/\(p.branch)"])
        return HealProposalReceipt(branch: p.branch, commit: commit, reused: reused)
    }
}

/// A proposal could not be made.
public struct HealProposalError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String
    public var repository: String

    public init(_ message: String, repository: String) {
        self.message = message
        self.repository = repository
    }

    public var description: String { "\(repository): \(message)" }
    public var errorDescription: String? { description }
}
