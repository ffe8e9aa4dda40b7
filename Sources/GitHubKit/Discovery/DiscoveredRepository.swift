import Foundation

/// One repository as discovery sees it.
public struct DiscoveredRepository: Sendable, Hashable, Codable {
    /// Bytes of one language.
    public struct LanguageShare: Sendable, Hashable, Codable {
        /// The language.
        public var name: String
        /// Bytes of code.
        public var bytes: Int

        /// Creates a value.
        public init(name: String, bytes: Int) {
            self.name = name
            self.bytes = bytes
        }
    }
    /// One entry of the root tree at `HEAD`.
    public struct RootEntry: Sendable, Hashable, Codable {
        /// File or folder name.
        public var name: String
        /// `blob`, `tree` or `commit` (submodule).
        public var type: String
        /// The object id (blob, tree or submodule commit), when known.
        public var oid: String?

        /// Creates a value.
        public init(name: String, type: String, oid: String? = nil) {
            self.name = name
            self.type = type
            self.oid = oid
        }
    }
    /// The name.
    public var name: String
    /// `owner/name`.
    public var nameWithOwner: String
    /// Whether it is archived.
    public var isArchived: Bool
    /// Whether it is a fork.
    public var isFork: Bool
    /// `PUBLIC`, `PRIVATE` or `INTERNAL`.
    public var visibility: String
    /// The topics.
    public var topics: [String]
    /// The default branch, `nil` for an empty repository.
    public var defaultBranch: String?
    /// The default branch's head commit.
    public var headCommit: String?
    /// When that commit was made.
    public var headCommittedAt: Date?
    /// The CI rollup of that commit: `SUCCESS`, `FAILURE`, `PENDING`, `ERROR`, `EXPECTED`, or `nil`.
    public var ciState: String?
    /// Languages by size, largest first (at most 10).
    public var languages: [LanguageShare]
    /// The last push.
    public var pushedAt: Date?
    /// The web page.
    public var url: String
    /// The root entries at `HEAD` (empty when unknown or the repository is empty).
    public var rootEntries: [RootEntry]
    /// Text of the root files discovery was asked to fetch, by name: only files that exist, are
    /// text and came whole (binary or truncated ones are left out and read on demand).
    public var fileTexts: [String: String]

    /// Creates a value.
    public init(
        name: String, nameWithOwner: String, isArchived: Bool, isFork: Bool, visibility: String, topics: [String],
        defaultBranch: String?, headCommit: String?, headCommittedAt: Date?, ciState: String?,
        languages: [LanguageShare], pushedAt: Date?, url: String, rootEntries: [RootEntry],
        fileTexts: [String: String] = [:]
    ) {
        self.name = name
        self.nameWithOwner = nameWithOwner
        self.isArchived = isArchived
        self.isFork = isFork
        self.visibility = visibility
        self.topics = topics
        self.defaultBranch = defaultBranch
        self.headCommit = headCommit
        self.headCommittedAt = headCommittedAt
        self.ciState = ciState
        self.languages = languages
        self.pushedAt = pushedAt
        self.url = url
        self.rootEntries = rootEntries
        self.fileTexts = fileTexts
    }
}

/// Every repository of an owner at one moment, plus the validators that tell whether it changed.
public struct DiscoverySnapshot: Sendable, Hashable, Codable {
    /// The organization or user.
    public var owner: String
    /// The repositories, sorted by name.
    public var repositories: [DiscoveredRepository]
    /// When the snapshot was taken.
    public var fetchedAt: Date
    /// `ETag`s of the change probes taken just before the snapshot.
    public var probeValidators: [String]
}

/// What a discovery call returned and what it cost.
public struct DiscoveryOutcome: Sendable {
    /// The repositories.
    public var snapshot: DiscoverySnapshot
    /// Whether the change probes all matched and the stored snapshot was reused.
    public var reusedSnapshot: Bool
    /// HTTP exchanges this call made.
    public var requests: Int
    /// Primary-quota points this call spent (REST answers other than 304, plus GraphQL cost).
    public var quotaPoints: Int
}

/// The default-branch head and CI rollup of one repository.
public struct DefaultBranchStatus: Sendable, Hashable, Codable {
    /// `owner/name` as asked.
    public var repository: String
    /// Whether GitHub knows the repository (false: deleted, renamed away, or not visible).
    public var found: Bool
    /// The default branch.
    public var defaultBranch: String?
    /// Its head commit.
    public var headCommit: String?
    /// `SUCCESS`, `FAILURE`, `PENDING`, `ERROR`, `EXPECTED`, or `nil` without CI.
    public var ciState: String?
    /// A GraphQL error about this repository other than not-found, if any.
    public var error: String?
}
