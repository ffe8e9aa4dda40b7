import Foundation
import GitHubKit
import InfinitySystem
import Synchronization

/// The files of one repository's head commit read through the GitHub API: one recursive
/// git-trees call for the listing, one blob call per file read. Both are addressed by SHA and
/// so never change: they are kept in the response cache (the state store) and served from it
/// later without any request — a repository whose head did not move costs nothing.
public final class GitHubRepositoryContent: RepositoryContent {
    /// One file of the tree.
    struct File: Codable, Sendable, Hashable {
        var sha: String
        var size: Int?
    }

    /// The tree as cached: path → blob.
    struct Listing: Codable, Sendable {
        var files: [String: File]
        var truncated: Bool
    }

    let client: GitHubClient
    let fullName: String
    let commit: String
    let cache: (any HTTPResponseCache)?
    let clock: @Sendable () -> Date
    private let listing = Mutex<Listing?>(nil)

    /// Creates a reader of `fullName` at `commit`.
    public init(client: GitHubClient, fullName: String, commit: String, cache: (any HTTPResponseCache)?,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.fullName = fullName
        self.commit = commit
        self.cache = cache
        self.clock = clock
    }

    var cacheScope: String { "\(client.configuration.apiURL.absoluteString) \(fullName.lowercased())" }

    public func listFiles(limit: Int) async throws -> [String] {
        let files = try await load().files
        return Array(files.keys.sorted().prefix(max(0, limit)))
    }

    public func readFile(_ path: String, maxBytes: Int) async throws -> Data? {
        guard let file = try await load().files[path] else { return nil }
        if let size = file.size, size > maxBytes { return nil }
        let key = "infinity.gitblob.v1 \(cacheScope) \(file.sha)"
        if let cache, let hit = try? await cache.lookup(key: key) { return hit.body.count > maxBytes ? nil : hit.body }
        let data = try await client.blob(fullName, sha: file.sha)
        await remember(key, data)
        return data.count > maxBytes ? nil : data
    }

    /// The tree of the commit: from memory, the cache, or one API call.
    func load() async throws -> Listing {
        if let known = listing.withLock({ $0 }) { return known }
        let key = "infinity.gittree.v1 \(cacheScope) \(commit)"
        if let cache, let hit = try? await cache.lookup(key: key), let decoded = try? JSONDecoder().decode(Listing.self, from: hit.body) {
            listing.withLock { $0 = decoded }
            return decoded
        }
        let tree = try await client.gitTree(fullName, treeish: commit, recursive: true)
        var files: [String: File] = [:]
        for entry in tree.tree where entry.type == "blob" {
            if let sha = entry.sha { files[entry.path] = File(sha: sha, size: entry.size) }
        }
        let loaded = Listing(files: files, truncated: tree.truncated ?? false)
        listing.withLock { $0 = loaded }
        if let data = try? JSONEncoder().encode(loaded) { await remember(key, data) }
        return loaded
    }

    private func remember(_ key: String, _ body: Data) async {
        guard let cache else { return }
        let entry = CachedResponse(status: 200, etag: nil, lastModified: nil, headers: GitHubHeaders(), body: body, storedAt: clock())
        try? await cache.store(key: key, response: entry)
    }
}
