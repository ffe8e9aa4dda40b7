import CodeHosts
import Foundation
import InfinityModel
import InfinitySystem

extension OrchestratorContext {
    /// `<state>/workspace/sources`: discovery's clones (local provider) and the GitHub mirrors.
    public var sourcesDirectory: String { Paths.join(workspaceDirectory, "sources") }

    /// Local git copies of hosted repositories, for builds, history scans and healing: bare
    /// mirrors of the GitHub repositories in ``sourcesDirectory``, fetched with the token in git's
    /// environment only when they lack the manifest's head, at most `build.max_parallel` at once.
    /// Nil for the local provider, whose repositories are local already.
    /// - Throws: `CodeHostError` when the GitHub session cannot be made (no credentials).
    public func makeRepositorySources() throws -> (any RepositorySources)? {
        guard configuration.provider == .github else { return nil }
        let session = try githubSession()
        let git = AuthenticatedGit(session: session, runner: processes, baseEnvironment: GitCLI.environment(environment))
        return GitHubSourceMirrors(directory: sourcesDirectory, git: git, webURL: { session.webURL($0) }, fileSystem: fileSystem,
                                   maxParallel: max(1, configuration.build.maxParallel), logger: logger)
    }
}
