import Foundation

/// `config/repositories.json`: every repository of the organization with what the later
/// stages need — where it is, its head, how to build it, what it depends on, its health.
///
/// The encoding is deterministic (sorted keys, repositories sorted by name, no timestamps
/// of its own), so two discoveries of the same input are byte-identical.
public struct Manifest: Sendable, Hashable, Codable {
    /// Bumped when the shape changes incompatibly; readers refuse newer versions.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var organization: String
    public var provider: ProviderKind
    public var repositories: [ManifestRepository]

    public init(organization: String, provider: ProviderKind, repositories: [ManifestRepository]) {
        self.schemaVersion = Self.currentSchemaVersion
        self.organization = organization
        self.provider = provider
        self.repositories = repositories.sorted { $0.name < $1.name }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case organization, provider, repositories
    }

    /// The repository called `name`.
    public func repository(named name: String) -> ManifestRepository? {
        repositories.first { $0.name == name }
    }
}

extension ProviderKind: Codable {}

/// One repository in the manifest.
public struct ManifestRepository: Sendable, Hashable, Codable {
    public var name: String
    /// `organization/name`.
    public var fullName: String
    /// A local path or a clone URL (never with credentials in it).
    public var location: String
    public var defaultBranch: String?
    public var headSHA: String?
    public var lastCommitAt: Date?
    public var archived: Bool?
    public var fork: Bool?
    /// File counts per language, from the head's tree.
    public var languages: [String: Int]
    /// Detected build systems, most specific first (`swiftpm`, `npm`, `make` …).
    public var buildSystems: [String]
    /// Commands for setup → install → build → test; a missing step is not run.
    public var steps: [BuildStep]
    /// Repositories of the organization this one depends on.
    public var dependencies: [RepositoryDependency]
    /// Identities other repositories can depend on (`npm:left-pad`, `go:example.com/x`).
    public var publishes: [String]
    public var health: HealthSummary

    public init(name: String, fullName: String, location: String, defaultBranch: String? = nil, headSHA: String? = nil,
                lastCommitAt: Date? = nil, archived: Bool? = nil, fork: Bool? = nil, languages: [String: Int] = [:],
                buildSystems: [String] = [], steps: [BuildStep] = [], dependencies: [RepositoryDependency] = [],
                publishes: [String] = [], health: HealthSummary = HealthSummary()) {
        self.name = name
        self.fullName = fullName
        self.location = location
        self.defaultBranch = defaultBranch
        self.headSHA = headSHA
        self.lastCommitAt = lastCommitAt
        self.archived = archived
        self.fork = fork
        self.languages = languages
        self.buildSystems = buildSystems
        self.steps = steps
        self.dependencies = dependencies
        self.publishes = publishes
        self.health = health
    }

    enum CodingKeys: String, CodingKey {
        case name
        case fullName = "full_name"
        case location
        case defaultBranch = "default_branch"
        case headSHA = "head_sha"
        case lastCommitAt = "last_commit_at"
        case archived, fork, languages
        case buildSystems = "build_systems"
        case steps, dependencies, publishes, health
    }

    /// The step named `name`, if the repository has one.
    public func step(_ name: BuildStep.Name) -> BuildStep? { steps.first { $0.name == name } }
}

/// One step of a repository's build.
public struct BuildStep: Sendable, Hashable, Codable {
    /// The four steps of the design, in order.
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case setup, install, build, test
        /// Position in setup → install → build → test.
        public var order: Int {
            switch self {
            case .setup: return 0
            case .install: return 1
            case .build: return 2
            case .test: return 3
            }
        }

        public static func < (a: Name, b: Name) -> Bool { a.order < b.order }
    }

    public var name: Name
    /// A shell command run with `/bin/sh -c` in the repository's work tree.
    public var run: String
    /// Where the command came from: `detected:<system>`, `.infinity.yml`, `orchestrator.yml`.
    public var source: String

    public init(name: Name, run: String, source: String) {
        self.name = name
        self.run = run
        self.source = source
    }
}

/// An edge of the dependency graph between repositories of the organization.
public struct RepositoryDependency: Sendable, Hashable, Codable, Comparable {
    /// The repository depended on.
    public var repository: String
    /// The file that declares it (`Package.swift`, `package.json` …) or `orchestrator.yml`.
    public var declaredIn: String
    /// The identity or URL that matched.
    public var via: String

    public init(repository: String, declaredIn: String, via: String) {
        self.repository = repository
        self.declaredIn = declaredIn
        self.via = via
    }

    enum CodingKeys: String, CodingKey {
        case repository
        case declaredIn = "declared_in"
        case via
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.repository, a.declaredIn, a.via) < (b.repository, b.declaredIn, b.via)
    }
}

/// Health as the health stage last saw it.
public struct HealthSummary: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case healthy, degraded, unhealthy, unknown
    }

    public var status: Status
    public var score: Int?
    public var failingChecks: [String]
    public var checkedAt: Date?

    public init(status: Status = .unknown, score: Int? = nil, failingChecks: [String] = [], checkedAt: Date? = nil) {
        self.status = status
        self.score = score
        self.failingChecks = failingChecks
        self.checkedAt = checkedAt
    }

    enum CodingKeys: String, CodingKey {
        case status, score
        case failingChecks = "failing_checks"
        case checkedAt = "checked_at"
    }
}
