import Foundation
import InfinityModel

/// What a code host can tell about a repository's health, or why it cannot.
public enum HostSignal<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The host has no such thing (the local provider has no CI) — the reason says why.
    case notApplicable(String)
    case value(Value)
}

/// The combined CI status of a repository's default-branch head.
public struct CIStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case success, failure, pending
        /// No CI ran on the head.
        case none
    }

    public var state: State
    /// The head the status is for.
    public var sha: String?
    /// Which checks failed or are pending, as the host names them.
    public var detail: String
    public var url: String?

    public init(state: State, sha: String?, detail: String, url: String? = nil) {
        self.state = state
        self.sha = sha
        self.detail = detail
        self.url = url
    }
}

/// Protection rules of the default branch.
public struct BranchProtection: Sendable, Hashable {
    public var protected: Bool
    public var requiresReviews: Bool
    public var requiresStatusChecks: Bool
    public var allowsForcePushes: Bool

    public init(protected: Bool, requiresReviews: Bool = false, requiresStatusChecks: Bool = false, allowsForcePushes: Bool = false) {
        self.protected = protected
        self.requiresReviews = requiresReviews
        self.requiresStatusChecks = requiresStatusChecks
        self.allowsForcePushes = allowsForcePushes
    }
}

/// Open issues and pull requests, with the oldest of each.
public struct OpenItems: Sendable, Hashable {
    public var openIssues: Int
    public var openPullRequests: Int
    public var oldestIssueOpenedAt: Date?
    public var oldestPullRequestOpenedAt: Date?

    public init(openIssues: Int, openPullRequests: Int, oldestIssueOpenedAt: Date? = nil, oldestPullRequestOpenedAt: Date? = nil) {
        self.openIssues = openIssues
        self.openPullRequests = openPullRequests
        self.oldestIssueOpenedAt = oldestIssueOpenedAt
        self.oldestPullRequestOpenedAt = oldestPullRequestOpenedAt
    }
}

/// The code-host side of health: CI status, branch protection and open items. The health
/// monitor asks through this protocol; GitHub answers from its API, the local provider
/// answers `notApplicable` with the reason.
public protocol HostHealthSignals: Sendable {
    func ciStatus(of repository: HostedRepository) async throws -> HostSignal<CIStatus>
    func branchProtection(of repository: HostedRepository) async throws -> HostSignal<BranchProtection>
    func openItems(of repository: HostedRepository) async throws -> HostSignal<OpenItems>
}

/// The local provider's signals: a folder of git repositories has no CI, no branch
/// protection and no issues, so every answer is `notApplicable`.
public struct LocalHostSignals: HostHealthSignals {
    public init() {}

    public func ciStatus(of repository: HostedRepository) async throws -> HostSignal<CIStatus> {
        .notApplicable("the local provider has no CI service; build results come from `infinity build`")
    }

    public func branchProtection(of repository: HostedRepository) async throws -> HostSignal<BranchProtection> {
        .notApplicable("the local provider has no branch protection")
    }

    public func openItems(of repository: HostedRepository) async throws -> HostSignal<OpenItems> {
        .notApplicable("the local provider has no issues or pull requests")
    }
}
