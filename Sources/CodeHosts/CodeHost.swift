import Foundation
import InfinityModel
import InfinitySystem

/// A repository as a code host lists it.
public struct HostedRepository: Sendable, Hashable {
    public var name: String
    /// `owner/name`.
    public var fullName: String
    /// A local path or a credential-free clone URL.
    public var location: String
    /// Where builds and detection read the repository (a local git dir or work tree).
    public var localPath: String?
    public var defaultBranch: String?
    public var headSHA: String?
    public var lastCommitAt: Date?
    public var archived: Bool?
    public var fork: Bool?

    public init(name: String, fullName: String, location: String, localPath: String? = nil, defaultBranch: String? = nil,
                headSHA: String? = nil, lastCommitAt: Date? = nil, archived: Bool? = nil, fork: Bool? = nil) {
        self.name = name
        self.fullName = fullName
        self.location = location
        self.localPath = localPath
        self.defaultBranch = defaultBranch
        self.headSHA = headSHA
        self.lastCommitAt = lastCommitAt
        self.archived = archived
        self.fork = fork
    }
}

/// The repositories a host listed, and the problems it met on the way.
public struct RepositoryListing: Sendable {
    public var repositories: [HostedRepository]
    public var diagnostics: [Diagnostic]

    public init(repositories: [HostedRepository], diagnostics: [Diagnostic]) {
        self.repositories = repositories
        self.diagnostics = diagnostics
    }
}

/// Where the organization's repositories live: a folder of git repositories or GitHub.
/// Every stage reaches the host through this protocol, so they work with either.
public protocol CodeHost: Sendable {
    var provider: ProviderKind { get }
    /// Lists the organization's repositories with their heads. Problems with single
    /// repositories are diagnostics; only a failure to list at all throws.
    func listRepositories() async throws -> RepositoryListing
    /// The files of a repository's head commit, for detection.
    func content(of repository: HostedRepository) -> (any RepositoryContent)?
    /// The hosted repository a manifest entry describes, without asking the host — so later
    /// stages can read a repository's head without listing the organization again.
    func repository(from entry: ManifestRepository) -> HostedRepository
}

extension CodeHost {
    /// Default: the entry's fields, with its location as the local path when it is an absolute path.
    public func repository(from entry: ManifestRepository) -> HostedRepository {
        HostedRepository(name: entry.name, fullName: entry.fullName, location: entry.location,
                         localPath: entry.location.hasPrefix("/") ? entry.location : nil,
                         defaultBranch: entry.defaultBranch, headSHA: entry.headSHA, lastCommitAt: entry.lastCommitAt,
                         archived: entry.archived, fork: entry.fork)
    }
}

/// A failure of the host as a whole (not of one repository).
public struct CodeHostError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String
    public var remedy: String?

    public init(_ message: String, remedy: String? = nil) {
        self.message = message
        self.remedy = remedy
    }

    public var description: String { remedy.map { "\(message) (\($0))" } ?? message }
    public var errorDescription: String? { description }
}
