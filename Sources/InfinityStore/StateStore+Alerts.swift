import Foundation
import GRDB
import InfinityModel

/// The store's ledger entry for one alert: what was last done about it and when. The
/// ledger, not the alert channel, decides what to do next, so two passes (or two
/// processes) cannot both open the same alert.
public struct AlertRecord: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        case open, closed
    }

    /// The stable key (`health:<repository>`).
    public var key: String
    public var repository: String
    public var state: State
    /// Hash of the failing checks the alert last described.
    public var failingHash: String
    /// Where the alert lives: a file path or an issue number/URL; nil until the channel answered.
    public var reference: String?
    public var openedAt: Date
    public var updatedAt: Date
    /// The last time the alert was opened, updated or reminded about.
    public var pingedAt: Date
    public var closedAt: Date?
    /// Bumped by every change; compare-and-swap writes name the version they read.
    public var version: Int

    public init(key: String, repository: String, state: State, failingHash: String, reference: String? = nil,
                openedAt: Date, updatedAt: Date, pingedAt: Date, closedAt: Date? = nil, version: Int = 0) {
        self.key = key
        self.repository = repository
        self.state = state
        self.failingHash = failingHash
        self.reference = reference
        self.openedAt = openedAt
        self.updatedAt = updatedAt
        self.pingedAt = pingedAt
        self.closedAt = closedAt
        self.version = version
    }
}

extension StateStore {
    /// Every alert in the ledger, by key.
    public func alerts() throws(StoreError) -> [String: AlertRecord] {
        try read("read alerts") { db in
            var out: [String: AlertRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM alerts") { let r = Self.alertRecord(row); out[r.key] = r }
            return out
        }
    }

    /// The alert with `key`.
    public func alert(key: String) throws(StoreError) -> AlertRecord? {
        try read("read alert") { db in try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE key = ?", arguments: [key]).map(Self.alertRecord) }
    }

    /// Compare-and-swap: writes `record` (with its version bumped past `expectedVersion`) only if
    /// the ledger still holds `expectedVersion` for its key — nil meaning "no entry yet". Returns
    /// the stored record, or nil when another writer got there first.
    public func swapAlert(_ record: AlertRecord, expectedVersion: Int?) throws(StoreError) -> AlertRecord? {
        try writeImmediate("swap alert") { db in
            var new = record
            new.version = (expectedVersion ?? 0) + 1
            let args: StatementArguments = [new.repository, new.state.rawValue, new.failingHash, new.reference, new.openedAt.storeSeconds,
                                            new.updatedAt.storeSeconds, new.pingedAt.storeSeconds, new.closedAt?.storeSeconds, new.version]
            if let expectedVersion {
                try db.execute(sql: """
                    UPDATE alerts SET repository = ?, state = ?, failing_hash = ?, reference = ?, opened_at = ?, updated_at = ?,
                        pinged_at = ?, closed_at = ?, version = ? WHERE key = ? AND version = ?
                    """, arguments: args + [new.key, expectedVersion])
            } else {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO alerts (repository, state, failing_hash, reference, opened_at, updated_at, pinged_at, closed_at, version, key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: args + [new.key])
            }
            return db.changesCount > 0 ? new : nil
        }
    }

    /// Removes the entry for `key` if it still holds `expectedVersion` (undoing a claim whose
    /// action failed); returns whether it was removed.
    @discardableResult
    public func removeAlert(key: String, expectedVersion: Int) throws(StoreError) -> Bool {
        try write("remove alert") { db in
            try db.execute(sql: "DELETE FROM alerts WHERE key = ? AND version = ?", arguments: [key, expectedVersion])
            return db.changesCount > 0
        }
    }

    private static func alertRecord(_ row: Row) -> AlertRecord {
        AlertRecord(key: row["key"], repository: row["repository"], state: AlertRecord.State(rawValue: row["state"]) ?? .open,
                    failingHash: row["failing_hash"], reference: row["reference"],
                    openedAt: Date(storeSeconds: row["opened_at"]), updatedAt: Date(storeSeconds: row["updated_at"]),
                    pingedAt: Date(storeSeconds: row["pinged_at"]), closedAt: (row["closed_at"] as Double?).map(Date.init(storeSeconds:)),
                    version: row["version"])
    }
}
