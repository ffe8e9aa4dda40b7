import Foundation
import GitHubKit
import InfinityStore

/// The GitHub client's response cache kept in the state store (`http_cache`, migration
/// `v4-http-cache`), so conditional requests — and the discovery snapshot — survive restarts:
/// an unchanged re-discovery in a new process costs no primary quota.
public struct StoreHTTPResponseCache: HTTPResponseCache {
    public let store: StateStore

    public init(store: StateStore) { self.store = store }

    public func lookup(key: String) async throws -> CachedResponse? {
        guard let record = try store.httpCacheEntry(key: key) else { return nil }
        let headers = (try? JSONDecoder().decode(GitHubHeaders.self, from: record.headers)) ?? GitHubHeaders()
        return CachedResponse(status: record.status, etag: record.etag, lastModified: record.lastModified, headers: headers,
                              body: record.body, storedAt: record.storedAt)
    }

    public func store(key: String, response: CachedResponse) async throws {
        let headers = (try? JSONEncoder().encode(response.headers)) ?? Data("[]".utf8)
        try store.storeHTTPCacheEntry(HTTPCacheRecord(key: key, status: response.status, etag: response.etag,
                                                      lastModified: response.lastModified, headers: headers,
                                                      body: response.body, storedAt: response.storedAt))
    }
}
