import Foundation
import InfinitySystem

/// Makes real git repositories in temp folders for tests, through the git CLI.
public struct GitFixture: Sendable {
    public let git: GitCLI
    /// Fixed identity and dates so commits are reproducible.
    public static let identity = ["-c", "user.name=Infinity Test", "-c", "user.email=test@infinity.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]

    public init(git: GitCLI = GitCLI()) { self.git = git }

    /// Creates a work-tree repository at `path` with `files` committed on `branch` at `date` (seconds since 1970).
    @discardableResult
    public func makeRepository(at path: String, files: [String: String], branch: String = "main", date: Int = 1_700_000_000,
                               message: String = "initial") async throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try await git.run(in: path, Self.identity + ["init", "-q", "-b", branch])
        return try await commit(in: path, files: files, date: date, message: message)
    }

    /// Writes `files` and commits them; returns the new head SHA.
    @discardableResult
    public func commit(in path: String, files: [String: String], date: Int = 1_700_000_100, message: String = "change") async throws -> String {
        for (relative, text) in files {
            let full = path + "/" + relative
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        let stamp = "@\(date) +0000"
        try await git.run(in: path, ["add", "-A"])
        try await git.run(in: path, Self.identity + ["commit", "-q", "--allow-empty", "-m", message],
                          environment: ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp])
        return try await head(of: path)
    }

    /// The head SHA.
    public func head(of path: String) async throws -> String {
        String(decoding: try await git.run(in: path, ["rev-parse", "HEAD"]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A bare clone of `source` at `path`.
    public func bareClone(_ source: String, to path: String) async throws {
        try await git.run(in: (path as NSString).deletingLastPathComponent, ["clone", "-q", "--bare", source, path])
    }
}
