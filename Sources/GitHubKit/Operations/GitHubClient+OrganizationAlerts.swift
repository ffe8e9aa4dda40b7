import Foundation

extension SecretScanningAlert {
    /// Keys of a secret-scanning answer that are removed before it is cached or decoded: the raw
    /// secret value (`secret`), never to be kept anywhere.
    public static let withheldKeys: Set<String> = ["secret"]
}

extension GitHubClient {
    /// Code-scanning alerts of every repository of `org` in `state`, each with its `repository`.
    /// Needs an organization owner or security manager; 403/404 otherwise.
    public func organizationCodeScanningAlerts(_ org: String, state: String = "open") async throws -> [CodeScanningAlert] {
        let request = GitHubRequest(
            .get, "/orgs/\(GitHubPath.segment(org))/code-scanning/alerts", query: [(name: "state", value: state)],
            operation: "GET /orgs/{org}/code-scanning/alerts")
        return try await paginate(request, as: CodeScanningAlert.self)
    }

    /// Secret-scanning alerts of every repository of `org` in `state`, each with its `repository`;
    /// secret values are withheld as in ``secretScanningAlerts(_:state:)``.
    public func organizationSecretScanningAlerts(_ org: String, state: String = "open") async throws -> [SecretScanningAlert] {
        var request = GitHubRequest(
            .get, "/orgs/\(GitHubPath.segment(org))/secret-scanning/alerts",
            query: [(name: "state", value: state), (name: "hide_secret", value: "true")],
            operation: "GET /orgs/{org}/secret-scanning/alerts")
        request.redactedBodyKeys = SecretScanningAlert.withheldKeys
        return try await paginate(request, as: SecretScanningAlert.self)
    }

    /// Dependabot alerts of every repository of `org` in `state`, each with its `repository`
    /// (cursor pagination: the `Link` header's `after` cursor is followed).
    public func organizationDependabotAlerts(_ org: String, state: String = "open") async throws -> [DependabotAlert] {
        let request = GitHubRequest(
            .get, "/orgs/\(GitHubPath.segment(org))/dependabot/alerts", query: [(name: "state", value: state)],
            operation: "GET /orgs/{org}/dependabot/alerts")
        return try await paginate(request, as: DependabotAlert.self)
    }
}
