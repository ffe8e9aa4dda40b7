import Foundation
import InfinityModel

/// What detection learned from one commit of a repository; cached in the store by head SHA,
/// so an unchanged repository is never read again.
public struct Detection: Sendable, Hashable, Codable {
    /// Bump when detection changes, so cached results are recomputed.
    public static let version = 4

    public var languages: [String: Int] = [:]
    public var buildSystems: [String] = []
    public var steps: [BuildStep] = []
    /// Identities this repository declares dependencies on (`npm:x`, `url:host/org/repo`, `repo:name`).
    public var requires: [Requirement] = []
    /// Identities this repository publishes.
    public var publishes: [String] = []
    /// The repository's own `.infinity.yml`, when it has a valid one.
    public var repositoryOverride: RepositoryOverride?
    /// Problems with the repository's files (a bad `.infinity.yml`, an unparsable manifest).
    public var diagnostics: [Diagnostic] = []

    public init() {}

    /// A declared dependency: an identity and the file that declares it.
    public struct Requirement: Sendable, Hashable, Codable {
        public var identity: String
        public var file: String
        public init(identity: String, file: String) {
            self.identity = identity
            self.file = file
        }
    }
}

/// The files detection reads from a commit: the list of paths, and the contents of the few
/// build files it needs. From a code host that describes only the top level, `paths` holds the
/// root files plus one `folder/` entry per root folder, and `languages` the host's languages.
public struct RepositoryFiles: Sendable {
    public var paths: [String]
    public var contents: [String: String]
    /// Languages the host reports for the commit (empty when `paths` is the full listing).
    public var languages: Set<String>

    public init(paths: [String], contents: [String: String], languages: Set<String> = []) {
        self.paths = paths
        self.contents = contents
        self.languages = languages
    }

    /// Whether the commit holds Python source anywhere.
    public var hasPython: Bool { languages.contains("Python") || paths.contains { $0.hasSuffix(".py") } }

    /// Root-level names.
    public var rootNames: Set<String> {
        Set(paths.compactMap { $0.contains("/") ? String($0.split(separator: "/").first ?? "") + "/" : $0 })
    }

    public func has(_ rootName: String) -> Bool { paths.contains(rootName) }
    public func text(_ path: String) -> String? { contents[path] }
}
