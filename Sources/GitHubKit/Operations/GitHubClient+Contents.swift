import Foundation

/// A blob as `GET /repos/{owner}/{repo}/git/blobs/{sha}` returns it.
struct GitBlobBody: Decodable {
    var sha: String
    var size: Int?
    var content: String?
    var encoding: String?
}

extension GitHubClient {
    /// The tree of a commit or tree (`treeish`: a tree SHA, a commit SHA or a branch), with every
    /// nested entry when `recursive` (one request; GitHub sets `truncated` past 100,000 entries).
    public func gitTree(_ fullName: String, treeish: String, recursive: Bool = true) async throws -> GitTree {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/git/trees/\(GitHubPath.segment(treeish))",
            query: recursive ? [(name: "recursive", value: "1")] : [],
            operation: "GET /repos/{owner}/{repo}/git/trees/{tree_sha}", repository: fullName)
        return try await send(request, as: GitTree.self)
    }

    /// A blob's bytes (`GET /repos/{owner}/{repo}/git/blobs/{sha}`, base64 decoded).
    public func blob(_ fullName: String, sha: String) async throws -> Data {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/git/blobs/\(GitHubPath.segment(sha))",
            operation: "GET /repos/{owner}/{repo}/git/blobs/{file_sha}", repository: fullName)
        let body = try await send(request, as: GitBlobBody.self)
        let text = body.content ?? ""
        if body.encoding == "utf-8" { return Data(text.utf8) }
        guard let data = Data(base64Encoded: text.replacingOccurrences(of: "\n", with: "")) else {
            throw GitHubError(
                code: .decoding, message: "blob \(sha) of \(fullName) was not valid base64",
                endpoint: request.operation, repository: fullName)
        }
        return data
    }
}
