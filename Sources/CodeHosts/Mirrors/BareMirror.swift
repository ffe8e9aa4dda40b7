import Foundation
import InfinityModel
import InfinitySystem

/// A bare copy of a repository in the workspace (`<state>/workspace/sources/<name>.git`) that
/// builds borrow objects from. Shared by the local provider (repositories listed under
/// `local.repositories`) and the GitHub source mirrors.
///
/// Every branch of the source is fetched (`+refs/heads/*:refs/heads/*`, pruned, no tags) into
/// a full — not partial — bare repository: work trees borrow its objects through
/// `objects/info/alternates` and check out offline, with no promisor remote to ask for missing
/// blobs, and history scans and healing's `git diff` against an older commit need the history.
///
/// The source is passed on git's command line; only a credential-free URL is recorded as
/// `remote.origin.url`, and credentials travel only in ``networkEnvironment`` (never in
/// `.git/config`).
public struct BareMirror: Sendable {
    public var git: GitCLI
    public var fileSystem: FileSystem
    /// Extra environment for the git calls that reach the source (the authentication header).
    public var networkEnvironment: [String: String]

    public init(git: GitCLI, fileSystem: FileSystem = .live, networkEnvironment: [String: String] = [:]) {
        self.git = git
        self.fileSystem = fileSystem
        self.networkEnvironment = networkEnvironment
    }

    /// Creates `directory` as a bare repository if needed, fetches the source's branches into it
    /// and points `HEAD` at the default branch (`defaultBranch`, else the source's, asked with
    /// `ls-remote --symref`). `remoteURL`, when credential-free, is recorded as `origin`.
    public func update(_ directory: String, from source: String, defaultBranch: String? = nil, remoteURL: String? = nil) async throws {
        try await initialize(directory, remoteURL: remoteURL)
        try await git.run(in: directory, ["fetch", "-q", "--prune", "--no-tags", source, "+refs/heads/*:refs/heads/*"],
                          environment: networkEnvironment)
        if let defaultBranch {
            try await git.run(in: directory, ["symbolic-ref", "HEAD", "refs/heads/" + defaultBranch])
            return
        }
        let symref = try await git.run(in: directory, ["ls-remote", "--symref", source, "HEAD"], environment: networkEnvironment)
        if let line = String(decoding: symref, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("ref: ") }),
           let ref = line.dropFirst(5).split(separator: "\t").first {
            try await git.run(in: directory, ["symbolic-ref", "HEAD", String(ref)])
        }
    }

    /// Fetches one commit by id (a head that is on no branch any more); the host must allow it.
    public func fetch(commit sha: String, into directory: String, from source: String) async throws {
        try await git.run(in: directory, ["fetch", "-q", "--no-tags", source, sha], environment: networkEnvironment)
    }

    /// Whether `directory` is a repository holding the commit `sha`. Read from the object files
    /// directly where the reader supports the format, else with `git cat-file -e`.
    public func contains(_ sha: String, in directory: String) async -> Bool {
        guard fileSystem.kindOfItem(directory) == .directory,
              let layout = (try? GitRepositoryLayout.detect(at: directory)) ?? nil else { return false }
        let reader = GitRepositoryReader(layout: layout)
        let native: Result<GitCommit, GitReadError> = Result { () throws(GitReadError) -> GitCommit in try reader.commit(sha) }
        switch native {
        case .success: return true
        case .failure(let error) where error.code == .notFound: return false
        case .failure:
            return (try? await git.run(in: directory, ["cat-file", "-e", sha + "^{commit}"])) != nil
        }
    }

    /// `git init --bare` when `directory` is not a repository yet; records the origin URL.
    func initialize(_ directory: String, remoteURL: String?) async throws {
        if fileSystem.kindOfItem(directory) == nil {
            try fileSystem.createDirectory(directory)
            try await git.run(in: directory, ["init", "-q", "--bare"])
        }
        if let remoteURL, !RepositoryURL.hasCredentials(remoteURL) {
            try await git.run(in: directory, ["config", "remote.origin.url", remoteURL])
        }
    }
}
