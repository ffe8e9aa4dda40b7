import Foundation

/// A stored GET response, kept for conditional requests (`ETag` / `Last-Modified`).
public struct CachedResponse: Sendable, Hashable, Codable {
    /// The status of the stored answer (200).
    public var status: Int
    /// The `ETag` to send back as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` to send back as `If-Modified-Since`.
    public var lastModified: String?
    /// The headers worth replaying from cache (`Link`, `Content-Type`).
    public var headers: GitHubHeaders
    /// The body.
    public var body: Data
    /// When it was stored.
    public var storedAt: Date

    /// Creates an entry.
    public init(
        status: Int, etag: String?, lastModified: String?, headers: GitHubHeaders, body: Data, storedAt: Date
    ) {
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.headers = headers
        self.body = body
        self.storedAt = storedAt
    }
}

/// Persistence for conditional requests; the lead's implementation is SQLite-backed.
///
/// Keys are `GET <absolute URL>` (plus a small namespace for derived results such as the
/// discovery snapshot). Implementations must be safe to call concurrently.
public protocol HTTPResponseCache: Sendable {
    /// The entry stored under `key`, if any.
    func lookup(key: String) async throws -> CachedResponse?
    /// Stores (replaces) the entry under `key`.
    func store(key: String, response: CachedResponse) async throws
}

/// An in-memory ``HTTPResponseCache`` for tests and one-shot runs.
public actor InMemoryHTTPResponseCache: HTTPResponseCache {
    private var entries: [String: CachedResponse] = [:]

    /// Creates an empty cache.
    public init() {}

    /// The entry under `key`.
    public func lookup(key: String) async throws -> CachedResponse? { entries[key] }

    /// Stores the entry under `key`.
    public func store(key: String, response: CachedResponse) async throws { entries[key] = response }

    /// Number of entries.
    public var count: Int { entries.count }

    /// All keys, sorted.
    public var keys: [String] { entries.keys.sorted() }

    /// Removes every entry.
    public func removeAll() { entries.removeAll() }
}
