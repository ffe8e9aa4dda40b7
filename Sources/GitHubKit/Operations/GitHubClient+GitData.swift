import Foundation

extension GitHubClient {
    /// A reference such as `heads/main` (without the `refs/` prefix).
    public func reference(_ fullName: String, ref: String) async throws -> GitReference {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/git/ref/\(GitHubPath.segments(Self.shortRef(ref)))",
            operation: "GET /repos/{owner}/{repo}/git/ref/{ref}", repository: fullName)
        return try await send(request, as: GitReference.self)
    }

    /// Creates `refs/heads/…` (or any full ref) at `sha`.
    public func createReference(_ fullName: String, ref: String, sha: String) async throws -> GitReference {
        struct Body: Encodable {
            var ref: String
            var sha: String
        }
        let full = ref.hasPrefix("refs/") ? ref : "refs/\(ref)"
        let request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/git/refs",
            body: try Self.encodeJSON(Body(ref: full, sha: sha)), operation: "POST /repos/{owner}/{repo}/git/refs",
            repository: fullName)
        return try await send(request, as: GitReference.self)
    }

    /// Moves a reference to `sha` (`force` allows non-fast-forward moves).
    public func updateReference(_ fullName: String, ref: String, sha: String, force: Bool = false) async throws
        -> GitReference
    {
        struct Body: Encodable {
            var sha: String
            var force: Bool
        }
        let request = GitHubRequest(
            .patch, try GitHubPath.repository(fullName) + "/git/refs/\(GitHubPath.segments(Self.shortRef(ref)))",
            body: try Self.encodeJSON(Body(sha: sha, force: force)),
            operation: "PATCH /repos/{owner}/{repo}/git/refs/{ref}", repository: fullName)
        return try await send(request, as: GitReference.self)
    }

    /// Stores `content` as a blob.
    public func createBlob(_ fullName: String, content: Data) async throws -> GitBlobReference {
        struct Body: Encodable {
            var content: String
            var encoding: String
        }
        let request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/git/blobs",
            body: try Self.encodeJSON(Body(content: content.base64EncodedString(), encoding: "base64")),
            operation: "POST /repos/{owner}/{repo}/git/blobs", repository: fullName)
        return try await send(request, as: GitBlobReference.self)
    }

    /// Creates a tree from `entries` on top of `baseTree`.
    public func createTree(_ fullName: String, baseTree: String?, entries: [NewTreeEntry]) async throws -> GitTree {
        struct Body: Encodable {
            var baseTree: String?
            var tree: [NewTreeEntry]
        }
        let request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/git/trees",
            body: try Self.encodeJSON(Body(baseTree: baseTree, tree: entries)),
            operation: "POST /repos/{owner}/{repo}/git/trees", repository: fullName)
        return try await send(request, as: GitTree.self)
    }

    /// A commit object.
    public func gitCommit(_ fullName: String, sha: String) async throws -> GitCommit {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/git/commits/\(GitHubPath.segment(sha))",
            operation: "GET /repos/{owner}/{repo}/git/commits/{commit_sha}", repository: fullName)
        return try await send(request, as: GitCommit.self)
    }

    /// Creates a commit of `tree` with `parents`.
    public func createCommit(_ fullName: String, message: String, tree: String, parents: [String]) async throws
        -> GitCommit
    {
        struct Body: Encodable {
            var message: String
            var tree: String
            var parents: [String]
        }
        let request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/git/commits",
            body: try Self.encodeJSON(Body(message: message, tree: tree, parents: parents)),
            operation: "POST /repos/{owner}/{repo}/git/commits", repository: fullName)
        return try await send(request, as: GitCommit.self)
    }

    /// Commits `files` (path → content) onto `branch`, creating the branch from `baseBranch` when it
    /// does not exist yet. Uses the git data API: blobs, tree, commit, ref. Never touches `baseBranch`.
    @discardableResult
    public func commitFiles(
        _ fullName: String, branch: String, baseBranch: String, files: [String: Data], message: String
    ) async throws -> GitCommit {
        let existing: GitReference?
        do {
            existing = try await reference(fullName, ref: "heads/\(branch)")
        } catch let error as GitHubError where error.code == .notFound {
            existing = nil
        }
        let parentSHA: String
        if let existing {
            parentSHA = existing.object.sha
        } else {
            parentSHA = try await reference(fullName, ref: "heads/\(baseBranch)").object.sha
        }
        let parent = try await gitCommit(fullName, sha: parentSHA)
        var entries: [NewTreeEntry] = []
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let blob = try await createBlob(fullName, content: content)
            entries.append(.blob(path: path, sha: blob.sha))
        }
        let tree = try await createTree(fullName, baseTree: parent.tree.sha, entries: entries)
        let commit = try await createCommit(fullName, message: message, tree: tree.sha, parents: [parentSHA])
        if existing != nil {
            _ = try await updateReference(fullName, ref: "heads/\(branch)", sha: commit.sha)
        } else {
            _ = try await createReference(fullName, ref: "refs/heads/\(branch)", sha: commit.sha)
        }
        return commit
    }

    static func shortRef(_ ref: String) -> String {
        ref.hasPrefix("refs/") ? String(ref.dropFirst("refs/".count)) : ref
    }
}
