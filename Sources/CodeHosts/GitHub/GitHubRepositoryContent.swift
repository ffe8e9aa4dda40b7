import Foundation
import GitHubKit
import InfinitySystem
import Synchronization

/// The files of one repository's head commit read through the GitHub API.
///
/// When discovery's GraphQL page described this commit (root entries with their object ids and
/// the text of the build files), detection works from that ``rootOverview()`` and costs no
/// request; a root file whose text did not come along is one blob call by its id. Otherwise: one
/// recursive git-trees call for the listing, one blob call per file read. Trees and blobs are
/// addressed by SHA and so never change: they are kept in the response cache (the state store)
/// and served from it later without any request.
public final class GitHubRepositoryContent: RootOverviewProviding {
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
    /// What discovery learned about this commit, when it described this very commit.
    let discovered: DiscoveredRepository?
    private let listing = Mutex<Listing?>(nil)

    /// Creates a reader of `fullName` at `commit`; `discovered` is used only when its head is `commit`.
    public init(client: GitHubClient, fullName: String, commit: String, cache: (any HTTPResponseCache)?,
                discovered: DiscoveredRepository? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.fullName = fullName
        self.commit = commit
        self.cache = cache
        self.discovered = discovered.flatMap { $0.headCommit == commit && !$0.rootEntries.isEmpty ? $0 : nil }
        self.clock = clock
    }

    public func rootOverview() -> RootOverview? {
        guard let discovered else { return nil }
        let entries = discovered.rootEntries
        return RootOverview(
            files: entries.filter { $0.type == "blob" }.map(\.name).sorted(),
            folders: entries.filter { $0.type != "blob" }.map(\.name).sorted(),
            texts: discovered.fileTexts,
            languageBytes: Dictionary(discovered.languages.map { ($0.name, $0.bytes) }, uniquingKeysWith: +))
    }

    var cacheScope: String { "\(client.configuration.apiURL.absoluteString) \(fullName.lowercased())" }

    public func listFiles(limit: Int) async throws -> [String] {
        let files = try await load().files
        return Array(files.keys.sorted().prefix(max(0, limit)))
    }

    public func readFile(_ path: String, maxBytes: Int) async throws -> Data? {
        if let discovered, !path.contains("/") {
            if let text = discovered.fileTexts[path] {
                let data = Data(text.utf8)
                return data.count > maxBytes ? nil : data
            }
            guard let entry = discovered.rootEntries.first(where: { $0.name == path }), entry.type == "blob" else { return nil }
            if let oid = entry.oid { return try await readBlob(File(sha: oid, size: nil), maxBytes: maxBytes) }
        }
        guard let file = try await load().files[path] else { return nil }
        return try await readBlob(file, maxBytes: maxBytes)
    }

    /// A blob by id: from the cache or one API call.
    func readBlob(_ file: File, maxBytes: Int) async throws -> Data? {
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
