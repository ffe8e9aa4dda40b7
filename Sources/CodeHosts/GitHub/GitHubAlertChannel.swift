import Foundation
import GitHubKit
import InfinityModel

/// Alerts as GitHub issues, one per key, in the repository the alert is about.
///
/// Each issue carries the label `infinity-health` and the hidden marker
/// `<!-- infinity:alert:KEY -->` as the first line of its body, so it is found again after a
/// restart (or with the store lost) by listing the repository's issues with that label — open
/// and closed — and reading the marker. Listing is a conditional request: unchanged, it costs
/// no primary quota.
public struct GitHubAlertChannel: AlertChannel {
    /// The label every alert issue carries.
    public static let label = "infinity-health"

    public let session: GitHubSession
    /// The repository (`owner/name`) an alert key belongs to.
    let repositoryForKey: @Sendable (String) -> String?

    /// Creates the channel. By default the key's part after the first `:` (`health:NAME`) names
    /// a repository of the session's owner.
    public init(session: GitHubSession, repositoryForKey: (@Sendable (String) -> String?)? = nil) {
        self.session = session
        let owner = session.owner
        self.repositoryForKey = repositoryForKey ?? { key in
            guard let colon = key.firstIndex(of: ":") else { return nil }
            let raw = String(key[key.index(after: colon)...])
            let name = raw.removingPercentEncoding ?? raw
            guard !name.isEmpty, !name.contains("/") else { return nil }
            return "\(owner)/\(name)"
        }
    }

    public var destination: String { "issues labelled \(Self.label) on \(session.webRoot)/\(session.owner)" }

    public func find(key: String) async throws -> AlertIssue? {
        let repo = try repository(for: key)
        let marker = AlertMarker.marker(for: key)
        let issues = try await call(key) { try await session.client.listIssues(repo, labels: [Self.label], state: "all") }
        let matching = issues.filter { ($0.body ?? "").contains(marker) }
        // A crash between create and record could leave two; prefer the open one, then the oldest.
        guard let issue = matching.sorted(by: { ($0.state == "open" ? 0 : 1, $0.number) < ($1.state == "open" ? 0 : 1, $1.number) }).first else {
            return nil
        }
        return alert(issue, key: key, repo: repo)
    }

    public func open(key: String, title: String, body: String) async throws -> AlertIssue {
        let repo = try repository(for: key)
        let issue = try await call(key) {
            try await session.client.createIssue(repo, NewIssue(title: title, body: AlertMarker.body(body, key: key), labels: [Self.label]))
        }
        return alert(issue, key: key, repo: repo)
    }

    public func update(_ alert: AlertIssue, title: String, body: String, reopen: Bool) async throws -> AlertIssue {
        let (repo, number) = try locate(alert)
        let issue = try await call(alert.key) {
            try await session.client.updateIssue(repo, number: number, IssueUpdate(
                title: title, body: AlertMarker.body(body, key: alert.key), state: reopen ? "open" : nil))
        }
        return self.alert(issue, key: alert.key, repo: repo)
    }

    public func comment(on alert: AlertIssue, text: String) async throws -> AlertIssue {
        let (repo, number) = try locate(alert)
        _ = try await call(alert.key) { try await session.client.commentOnIssue(repo, number: number, body: text) }
        var out = alert
        out.commentCount += 1
        return out
    }

    public func close(_ alert: AlertIssue, comment: String?) async throws -> AlertIssue {
        let (repo, number) = try locate(alert)
        if let comment {
            _ = try await call(alert.key) { try await session.client.commentOnIssue(repo, number: number, body: comment) }
        }
        let issue = try await call(alert.key) { try await session.client.closeIssue(repo, number: number) }
        return self.alert(issue, key: alert.key, repo: repo)
    }

    // MARK: helpers

    func repository(for key: String) throws -> String {
        guard let repo = repositoryForKey(key) else {
            throw AlertChannelError(key: key, "no repository for this alert key", remedy: "alert keys look like health:REPOSITORY")
        }
        return repo
    }

    /// `owner/name#N` → (`owner/name`, N).
    func locate(_ alert: AlertIssue) throws -> (String, Int) {
        guard let hash = alert.reference.lastIndex(of: "#"), let number = Int(alert.reference[alert.reference.index(after: hash)...]) else {
            throw AlertChannelError(key: alert.key, "'\(alert.reference)' is not an issue reference (owner/name#N)",
                                    remedy: "the alert is found again by its marker on the next pass")
        }
        return (String(alert.reference[alert.reference.startIndex..<hash]), number)
    }

    func alert(_ issue: GitHubIssue, key: String, repo: String) -> AlertIssue {
        AlertIssue(key: key, title: issue.title, body: AlertMarker.stripped(issue.body ?? "", key: key),
                   state: issue.state == "closed" ? .closed : .open, reference: "\(repo)#\(issue.number)",
                   commentCount: issue.comments)
    }

    /// Runs a call, turning GitHub errors into alert errors that name the key.
    func call<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as GitHubError {
            throw AlertChannelError(key: key, error.description, remedy: GitHubHost.remedy(for: error))
        }
    }
}
