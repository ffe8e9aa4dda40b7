import Foundation
import GitHubKit
import InfinityModel
import InfinitySystem
import Logging
import Synchronization

/// The organization's (or user's) repositories on GitHub or GitHub Enterprise Server.
///
/// Listing is one paginated GraphQL query (100 repositories a page), skipped entirely when the
/// conditional change probes say nothing changed since the stored snapshot (then it costs no
/// primary quota). `github.topics` and `github.visibility` are applied here; include/exclude
/// globs and the archived/fork switches by the discovery engine from the facts set here.
/// File contents are read through the API only for repositories whose head moved (the engine
/// caches detection by head SHA), and are themselves cached by SHA.
public struct GitHubHost: CodeHost {
    public let session: GitHubSession
    /// Where SHA-addressed trees and blobs are kept (the state store's HTTP cache).
    public let contentCache: (any HTTPResponseCache)?
    public let logger: Logger
    /// Root files whose text the discovery query fetches along with the listing (build files).
    public let prefetchedFiles: [String]
    /// Reads a local copy (a source mirror) when a repository has one: no API calls.
    public let inspector: GitInspector?
    /// The local source mirror of a repository (by name) when one exists on disk.
    public let mirror: (@Sendable (String) -> String?)?
    let clock: @Sendable () -> Date
    /// What the last listing said about each repository (by lowercased `owner/name`).
    let discovered = DiscoveredRepositories()

    /// Creates the host; `prefetchedFiles` are the root files detection reads (their texts come
    /// inside the discovery query, so detecting a repository costs no further request).
    public init(session: GitHubSession, contentCache: (any HTTPResponseCache)?, logger: Logger,
                prefetchedFiles: [String] = [], inspector: GitInspector? = nil,
                mirror: (@Sendable (String) -> String?)? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.session = session
        self.contentCache = contentCache
        self.logger = logger
        self.prefetchedFiles = prefetchedFiles
        self.inspector = inspector
        self.mirror = mirror
        self.clock = clock
    }

    public var provider: ProviderKind { .github }

    public func listRepositories() async throws -> RepositoryListing {
        let owner = session.owner
        let outcome: DiscoveryOutcome
        do {
            outcome = session.isOrganization
                ? try await session.client.discoverOrganization(owner, files: prefetchedFiles)
                : try await session.client.discoverUser(owner, files: prefetchedFiles)
        } catch {
            throw CodeHostError("cannot list the repositories of \(owner) on \(session.webRoot): \(error)",
                                remedy: Self.remedy(for: error))
        }
        logger.info("github repositories listed", metadata: [
            "github.owner": "\(owner)", "repo.count": "\(outcome.snapshot.repositories.count)",
            "github.requests": "\(outcome.requests)", "github.quota_points": "\(outcome.quotaPoints)",
            "github.snapshot_reused": "\(outcome.reusedSnapshot)",
        ])
        let settings = session.settings
        let wantedTopics = Set(settings.topics.map { $0.lowercased() })
        var repositories: [HostedRepository] = []
        for repo in outcome.snapshot.repositories {
            if !wantedTopics.isEmpty, wantedTopics.isDisjoint(with: repo.topics.map { $0.lowercased() }) { continue }
            if settings.visibility != "all", repo.visibility.lowercased() != settings.visibility.lowercased() { continue }
            repositories.append(hosted(repo))
        }
        let described = Dictionary(outcome.snapshot.repositories.map { ($0.nameWithOwner.lowercased(), $0) },
                                   uniquingKeysWith: { first, _ in first })
        discovered.replace(with: described)
        return RepositoryListing(repositories: repositories, diagnostics: [])
    }

    /// A discovered repository as the engine sees it: a credential-free web URL as location.
    func hosted(_ repo: DiscoveredRepository) -> HostedRepository {
        HostedRepository(name: repo.name, fullName: repo.nameWithOwner, location: session.webURL(repo.nameWithOwner),
                         localPath: nil, defaultBranch: repo.defaultBranch, headSHA: repo.headCommit,
                         lastCommitAt: repo.headCommittedAt ?? repo.pushedAt, archived: repo.isArchived, fork: repo.isFork)
    }

    public func content(of repository: HostedRepository) -> (any RepositoryContent)? {
        guard let sha = repository.headSHA else { return nil }
        if let inspector, let path = repository.localPath { return inspector.content(path, sha) }
        let described = discovered[repository.fullName]
        let remote = GitHubRepositoryContent(client: session.client, fullName: repository.fullName, commit: sha,
                                             cache: contentCache, discovered: described, clock: clock)
        if let inspector, let path = mirror?(repository.name) {
            return MirrorFirstContent(local: inspector.content(path, sha), remote: remote)
        }
        return remote
    }

    public func repository(from entry: ManifestRepository) -> HostedRepository {
        HostedRepository(name: entry.name, fullName: entry.fullName, location: entry.location, localPath: nil,
                         defaultBranch: entry.defaultBranch, headSHA: entry.headSHA, lastCommitAt: entry.lastCommitAt,
                         archived: entry.archived, fork: entry.fork)
    }

    /// What to do about a failure to list.
    static func remedy(for error: any Error) -> String {
        guard let error = error as? GitHubError else { return "check github.api_url and the network" }
        switch error.code {
        case .unauthorized: return "the token is missing, expired or revoked: export a fresh one (GITHUB_TOKEN, GH_TOKEN or github.token_env)"
        case .notFound: return "check github.org / github.user, and that the token can see it"
        case .forbidden: return "the token lacks access: grant repository read (and metadata) permission"
        case .rateLimited, .secondaryRateLimited: return "the rate limit is spent; `infinity github rate-limit` shows when it resets"
        default: return "check github.api_url and the network, then retry"
        }
    }
}

/// The repositories of the host's last listing, shared by the copies of a host value.
final class DiscoveredRepositories: Sendable {
    private let state = Mutex<[String: DiscoveredRepository]>([:])

    /// Replaces everything with a new listing (keys: lowercased `owner/name`).
    func replace(with repositories: [String: DiscoveredRepository]) {
        state.withLock { $0 = repositories }
    }

    /// What the listing said about `fullName`, if it was in it.
    subscript(fullName: String) -> DiscoveredRepository? {
        state.withLock { $0[fullName.lowercased()] }
    }
}
