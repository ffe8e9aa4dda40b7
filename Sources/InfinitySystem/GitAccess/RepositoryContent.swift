import Foundation

/// What discovery needs to know about a repository's head without checking it out.
public struct RepositoryHeadInfo: Sendable, Hashable {
    /// The default branch (the branch HEAD points at); nil when HEAD is detached.
    public var branch: String?
    /// The head commit; nil for a repository without commits.
    public var sha: String?
    /// The head commit's committer time.
    public var committedAt: Date?

    public init(branch: String?, sha: String?, committedAt: Date?) {
        self.branch = branch
        self.sha = sha
        self.committedAt = committedAt
    }
}

/// Reads files of one commit of a repository: the seam detection works through, so the same
/// code reads a local repository's objects, the git CLI's output, or a code host's API.
public protocol RepositoryContent: Sendable {
    /// Paths of the files (blobs) in the commit, recursively, at most `limit` of them.
    func listFiles(limit: Int) async throws -> [String]
    /// A file's bytes, nil when absent; files larger than `maxBytes` are reported as absent.
    func readFile(_ path: String, maxBytes: Int) async throws -> Data?
}

/// A git failure tied to a repository path, with what git said.
public struct GitError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "git repository \(path): \(message)" }
    public var errorDescription: String? { description }
}
