import CodeHosts
import DiscoveryEngine
import Foundation
import GitHubKit
import InfinityModel
import InfinityStore
import InfinitySystem
import Synchronization

/// The one GitHub session of a command, created on first use and shared by every copy of the
/// context (host, signals, alerts and capabilities use one client and one rate-limit view).
public final class GitHubSessionBox: Sendable {
    struct Entry: Sendable {
        var session: GitHubSession
        var cache: any HTTPResponseCache
    }

    private let entry = Mutex<Entry?>(nil)

    public init() {}

    func get(_ make: () throws -> Entry) throws -> Entry {
        try entry.withLock { current in
            if let current { return current }
            let made = try make()
            current = made
            return made
        }
    }

    /// Releases the session's HTTP client, if one was made.
    public func shutdown() async {
        let session = entry.withLock { current -> GitHubSession? in
            defer { current = nil }
            return current?.session
        }
        await session?.shutdown()
    }
}

extension OrchestratorContext {
    /// The GitHub session for `provider: github`: credentials from `github.token_env` (else
    /// `GITHUB_TOKEN`, then `GH_TOKEN`) or `github.app`, with the response cache in the state store.
    public func githubSession() throws -> GitHubSession {
        try githubEntry().session
    }

    func githubEntry() throws -> GitHubSessionBox.Entry {
        try githubSessions.get {
            let store = try openStore()
            let cache = StoreHTTPResponseCache(store: store)
            var settings = configuration.github
            if let app = settings.app { settings.app?.privateKeyPath = resolve(app.privateKeyPath) }
            let session = try GitHubSession.make(settings: settings, environment: environment, cache: cache,
                                                 readFile: fileSystem.readFile, transport: githubTransport, logger: logger)
            return GitHubSessionBox.Entry(session: session, cache: cache)
        }
    }

    /// The GitHub code host.
    func makeGitHubHost() throws -> GitHubHost {
        let entry = try githubEntry()
        let clock = self.clock
        let fileSystem = self.fileSystem, sources = sourcesDirectory
        return GitHubHost(session: entry.session, contentCache: entry.cache, logger: logger,
                          prefetchedFiles: BuildSystemDetector.textFiles, inspector: inspector,
                          mirror: { name in
                              guard GitHubSourceMirrors.isPlainName(name) else { return nil }
                              let path = Paths.join(sources, name + ".git")
                              return fileSystem.kindOfItem(path) == .directory ? path : nil
                          },
                          clock: { clock.now() })
    }

    /// GitHub health signals; the first CI question fetches every manifest repository's status in batches.
    func makeGitHubSignals() throws -> GitHubHostSignals {
        let session = try githubSession()
        let fileSystem = self.fileSystem, path = manifestPath
        return GitHubHostSignals(session: session) {
            guard let data = try? fileSystem.readFile(path), let manifest = try? ManifestCoding.decode(data, file: path) else { return [] }
            return manifest.repositories.map(\.fullName)
        }
    }

    /// Proposes changes for review: GitHub pull requests; nil for the local provider (which
    /// proposes on local branches through the self-healing stage).
    public func makeChangeProposer() throws -> (any ChangeProposer)? {
        configuration.provider == .github ? GitHubChangeProposer(session: try githubSession()) : nil
    }

    /// Re-runs CI and reads its logs: GitHub Actions; nil for the local provider.
    public func makeWorkflowRunner() throws -> (any WorkflowRunner)? {
        configuration.provider == .github ? GitHubWorkflowRunner(session: try githubSession()) : nil
    }

    /// SARIF upload and the host's security alerts: GitHub code scanning; nil for the local provider.
    public func makeCodeScanningHost() throws -> (any CodeScanningHost)? {
        configuration.provider == .github ? GitHubCodeScanning(session: try githubSession()) : nil
    }

    /// Clones and fetches GitHub repositories without writing the token anywhere.
    public func makeAuthenticatedGit() throws -> AuthenticatedGit {
        AuthenticatedGit(session: try githubSession(), runner: processes, baseEnvironment: environment)
    }

    /// Releases network clients made for this command.
    public func shutdown() async {
        await githubSessions.shutdown()
    }
}
