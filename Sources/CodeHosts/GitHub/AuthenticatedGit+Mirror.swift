import Foundation
import GitHubKit
import InfinityModel
import InfinitySystem

extension AuthenticatedGit {
    /// Only the variables that authenticate a git process, to add to another environment (such
    /// as `GitCLI`'s fixed one): no prompts, no credential helpers from the user's configuration,
    /// and the `Authorization` header for URLs under the web root — all through
    /// `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`, never the command line or a file.
    public func headerEnvironment() -> [String: String] {
        var env = ["GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_COUNT": "1",
                   "GIT_CONFIG_KEY_0": "credential.helper", "GIT_CONFIG_VALUE_0": ""]
        guard let token, !token.isEmpty else { return env }
        let basic = Data("x-access-token:\(token.unredactedValue)".utf8).base64EncodedString()
        env["GIT_CONFIG_COUNT"] = "2"
        env["GIT_CONFIG_KEY_1"] = "http.\(webRoot)/.extraHeader"
        env["GIT_CONFIG_VALUE_1"] = "Authorization: Basic \(basic)"
        return env
    }

    /// A bare mirror whose network calls carry ``headerEnvironment()``.
    public func bareMirror(fileSystem: FileSystem = .live) -> BareMirror {
        BareMirror(git: GitCLI(runner: runner), fileSystem: fileSystem, networkEnvironment: headerEnvironment())
    }

    /// A failed mirror update of `fullName` as a per-repository error with a remedy, from git's
    /// (token-scrubbed) message: 401 → the token, 403 → its access, 404 → renamed or deleted.
    func syncError(_ error: any Error, repository: String, fullName: String, url: String) -> SourceSyncError {
        let text = scrub("\(error)")
        let lowered = text.lowercased()
        let what = "cannot fetch \(fullName) from \(url): \(text)"
        if lowered.contains("error: 401") || lowered.contains("terminal prompts disabled") || lowered.contains("could not read username")
            || lowered.contains("authentication failed") {
            return SourceSyncError(.unauthorized, repository: repository, what,
                                   remedy: "the token was refused: export a valid token (github.token_env, GITHUB_TOKEN or GH_TOKEN) "
                                       + "that can read repository contents (`repo` scope, or Contents: read for a fine-grained token)")
        }
        if lowered.contains("error: 403") {
            return SourceSyncError(.forbidden, repository: repository, what,
                                   remedy: "the token may not read \(fullName): grant it Contents: read (`repo` scope), "
                                       + "authorize it for the organization's SSO, or install the GitHub App on the repository")
        }
        if lowered.contains("error: 404") || lowered.contains("not found") {
            return SourceSyncError(.notFound, repository: repository, what,
                                   remedy: "\(fullName) was renamed, deleted or hidden from the token: run `infinity discover` to refresh the manifest")
        }
        return SourceSyncError(.failed, repository: repository, what, remedy: "check the network and \(webRoot), then retry")
    }
}
