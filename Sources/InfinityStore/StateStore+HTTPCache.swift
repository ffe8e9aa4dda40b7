import Foundation
import GRDB

/// One stored HTTP answer kept for conditional requests (`ETag` / `Last-Modified`), so that
/// unchanged GitHub data costs no primary quota across processes.
public struct HTTPCacheRecord: Sendable, Hashable {
    /// `GET <absolute URL>`, or a namespaced key for derived results.
    public var key: String
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    /// Replayed headers as `[[name, value], …]` JSON.
    public var headers: Data
    public var body: Data
    public var storedAt: Date

    public init(key: String, status: Int, etag: String?, lastModified: String?, headers: Data, body: Data, storedAt: Date) {
        self.key = key
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.headers = headers
        self.body = body
        self.storedAt = storedAt
    }
}

extension StateStore {
    static func registerHTTPCacheMigration(_ m: inout DatabaseMigrator) {
        m.registerMigration("v4-http-cache") { db in
            try db.execute(sql: """
                CREATE TABLE http_cache (
                    key TEXT PRIMARY KEY,
                    status INTEGER NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    headers BLOB NOT NULL,
                    body BLOB NOT NULL,
                    stored_at DOUBLE NOT NULL
                );
                """)
        }
    }

    /// The HTTP answer stored under `key`, if any.
    public func httpCacheEntry(key: String) throws(StoreError) -> HTTPCacheRecord? {
        try read("read http cache") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM http_cache WHERE key = ?", arguments: [key]) else { return nil }
            return HTTPCacheRecord(key: row["key"], status: row["status"], etag: row["etag"], lastModified: row["last_modified"],
                                   headers: row["headers"], body: row["body"], storedAt: Date(timeIntervalSince1970: row["stored_at"]))
        }
    }

    /// Stores (replaces) an HTTP answer.
    public func storeHTTPCacheEntry(_ record: HTTPCacheRecord) throws(StoreError) {
        try write("write http cache") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO http_cache (key, status, etag, last_modified, headers, body, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.key, record.status, record.etag, record.lastModified, record.headers, record.body,
                                 record.storedAt.timeIntervalSince1970])
        }
    }

    /// Removes HTTP answers stored before `date`; returns how many went.
    @discardableResult
    public func pruneHTTPCache(storedBefore date: Date) throws(StoreError) -> Int {
        try write("prune http cache") { db in
            try db.execute(sql: "DELETE FROM http_cache WHERE stored_at < ?", arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// Number of stored HTTP answers.
    public func httpCacheCount() throws(StoreError) -> Int {
        try read("count http cache") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM http_cache") ?? 0 }
    }
}
