import Foundation
import GitHubKit
import InfinitySystem

/// Clones and fetches GitHub repositories with the token passed to git through the
/// environment (`GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_0` / `GIT_CONFIG_VALUE_0` setting
/// `http.<web root>/.extraHeader`), so the token never lands in `.git/config`, the remote URL,
/// the command line, the manifest or the logs. The header is scoped to the host's web root.
public struct AuthenticatedGit: Sendable {
    public var runner: ProcessRunner
    let token: Secret?
    /// `https://github.com` or `https://HOST`: the header goes to URLs under it only.
    public var webRoot: String
    /// The environment the git processes start from.
    public var baseEnvironment: [String: String]

    public init(runner: ProcessRunner, token: Secret?, webRoot: String, baseEnvironment: [String: String]) {
        self.runner = runner
        self.token = token
        self.webRoot = webRoot
        self.baseEnvironment = baseEnvironment
    }

    /// Creates the helper from a session (its token; an App session clones without one).
    public init(session: GitHubSession, runner: ProcessRunner, baseEnvironment: [String: String]) {
        self.init(runner: runner, token: session.token, webRoot: session.webRoot, baseEnvironment: baseEnvironment)
    }

    /// The environment for one git process: the base, never prompting, plus the header.
    public func environment() -> [String: String] {
        var env = baseEnvironment
        env["GIT_TERMINAL_PROMPT"] = "0"
        guard let token, !token.isEmpty else { return env }
        let index = Int(env["GIT_CONFIG_COUNT"] ?? "") ?? 0
        let basic = Data("x-access-token:\(token.unredactedValue)".utf8).base64EncodedString()
        env["GIT_CONFIG_COUNT"] = String(index + 1)
        env["GIT_CONFIG_KEY_\(index)"] = "http.\(webRoot)/.extraHeader"
        env["GIT_CONFIG_VALUE_\(index)"] = "Authorization: Basic \(basic)"
        return env
    }

    /// Clones `url` into `directory`, or fetches into it when it is already a clone, then checks
    /// out `branch` (the remote's default when nil) at the fetched head.
    public func cloneOrFetch(url: String, into directory: String, branch: String?) async throws {
        let env = environment()
        do {
            if FileManager.default.fileExists(atPath: Paths.join(directory, ".git")) {
                _ = try await runner.checked("git", ["-C", directory, "fetch", "--quiet", "--prune", "origin"], environment: env)
                let target = branch.map { "origin/\($0)" } ?? "origin/HEAD"
                _ = try await runner.checked("git", ["-C", directory, "checkout", "--quiet", "--detach", target], environment: env)
            } else {
                var arguments = ["clone", "--quiet"]
                if let branch { arguments += ["--branch", branch] }
                arguments += ["--", url, directory]
                _ = try await runner.checked("git", arguments, environment: env)
            }
        } catch {
            throw CodeHostError("cannot clone or fetch \(url): \(scrub("\(error)"))",
                                remedy: "check that the token can read the repository")
        }
    }

    /// `text` with the token and its Basic form replaced by `<redacted>`.
    func scrub(_ text: String) -> String {
        guard let token, !token.isEmpty else { return text }
        let basic = Data("x-access-token:\(token.unredactedValue)".utf8).base64EncodedString()
        return text.replacingOccurrences(of: token.unredactedValue, with: "<redacted>").replacingOccurrences(of: basic, with: "<redacted>")
    }
}
