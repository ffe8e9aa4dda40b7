import Foundation
import GRDB
import InfinityModel

/// A request to repair a repository, recorded by the health stage and consumed by self-healing.
public struct HealingRequest: Sendable, Hashable, Codable {
    /// Where a request is in its life: pending → taken → done.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case pending, taken, done
    }

    public var id: Int64
    public var repository: String
    /// Why healing is wanted (`build-failed`).
    public var reason: String
    public var createdAt: Date
    public var state: State
    /// JSON with what the requester knew (failed build's run id, head, failed step …).
    public var detail: String?
    /// Identifies the cause (e.g. the failed build's run id): one request per cause, ever.
    public var dedupeKey: String?

    enum CodingKeys: String, CodingKey {
        case id, repository, reason
        case createdAt = "created_at"
        case state, detail
        case dedupeKey = "dedupe_key"
    }
}

/// What `addHealingRequest` did.
public enum HealingRequestAddition: Sendable, Hashable {
    /// A new pending request.
    case created(HealingRequest)
    /// The repository already has a pending or taken request for this reason; nothing added.
    case alreadyOpen(HealingRequest)
    /// A request for the same cause (`dedupeKey`) was already handled; nothing added.
    case alreadyHandled(HealingRequest)

    /// The request concerned.
    public var request: HealingRequest {
        switch self {
        case .created(let r), .alreadyOpen(let r), .alreadyHandled(let r): return r
        }
    }
}

extension StateStore {
    /// Adds a pending healing request unless the repository already has an open one (pending
    /// or taken) for `reason`, or one for the same `dedupeKey` was handled before. Runs in an
    /// immediate transaction and a partial unique index allows one pending request per
    /// repository and reason, so concurrent passes cannot add two.
    public func addHealingRequest(repository: String, reason: String, detail: String?, dedupeKey: String?, at date: Date) throws(StoreError) -> HealingRequestAddition {
        try writeImmediate("add healing request") { db in
            let columns = "SELECT id, repository, reason, created_at, state, detail, dedupe_key FROM healing_requests"
            if let open = try Row.fetchOne(db, sql: "\(columns) WHERE repository = ? AND reason = ? AND state IN ('pending', 'taken') ORDER BY id DESC LIMIT 1",
                                           arguments: [repository, reason]).flatMap(Self.healingRequest) {
                return .alreadyOpen(open)
            }
            if let dedupeKey, let done = try Row.fetchOne(db, sql: "\(columns) WHERE repository = ? AND reason = ? AND dedupe_key = ? ORDER BY id DESC LIMIT 1",
                                                         arguments: [repository, reason, dedupeKey]).flatMap(Self.healingRequest) {
                return .alreadyHandled(done)
            }
            try db.execute(sql: "INSERT INTO healing_requests (repository, reason, created_at, state, detail, dedupe_key) VALUES (?, ?, ?, 'pending', ?, ?)",
                           arguments: [repository, reason, date.storeSeconds, detail, dedupeKey])
            return .created(HealingRequest(id: db.lastInsertedRowID, repository: repository, reason: reason, createdAt: date,
                                           state: .pending, detail: detail, dedupeKey: dedupeKey))
        }
    }

    /// Pending requests, oldest first, optionally of one repository.
    public func pendingHealingRequests(repository: String? = nil) throws(StoreError) -> [HealingRequest] {
        try healingRequests(repository: repository, states: [.pending])
    }

    /// Requests in `states`, oldest first, optionally of one repository.
    public func healingRequests(repository: String? = nil, states: [HealingRequest.State] = HealingRequest.State.allCases, limit: Int = 1000) throws(StoreError) -> [HealingRequest] {
        try read("list healing requests") { db in
            var sql = "SELECT id, repository, reason, created_at, state, detail, dedupe_key FROM healing_requests WHERE state IN ("
                + states.map { _ in "?" }.joined(separator: ", ") + ")"
            var args: StatementArguments = []
            for s in states { args += [s.rawValue] }
            if let repository { sql += " AND repository = ?"; args += [repository] }
            sql += " ORDER BY id LIMIT ?"
            args += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).compactMap(Self.healingRequest)
        }
    }

    /// Moves a request to `state` if it is in `from` (any state when nil); returns whether it
    /// moved — so two healers cannot both take the same request.
    @discardableResult
    public func markHealingRequest(id: Int64, _ state: HealingRequest.State, from: HealingRequest.State? = nil, detail: String? = nil) throws(StoreError) -> Bool {
        try write("mark healing request") { db in
            var sql = "UPDATE healing_requests SET state = ?, detail = COALESCE(?, detail) WHERE id = ?"
            var args: StatementArguments = [state.rawValue, detail, id]
            if let from { sql += " AND state = ?"; args += [from.rawValue] }
            try db.execute(sql: sql, arguments: args)
            return db.changesCount > 0
        }
    }

    /// Counts of requests per state (for metrics).
    public func healingRequestCounts() throws(StoreError) -> [HealingRequest.State: Int] {
        try read("count healing requests") { db in
            var out: [HealingRequest.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM healing_requests GROUP BY state") {
                if let s = HealingRequest.State(rawValue: row["state"]) { out[s] = row["n"] }
            }
            return out
        }
    }

    private static func healingRequest(_ row: Row) -> HealingRequest? {
        guard let state = HealingRequest.State(rawValue: row["state"]) else { return nil }
        return HealingRequest(id: row["id"], repository: row["repository"], reason: row["reason"],
                              createdAt: Date(storeSeconds: row["created_at"]), state: state, detail: row["detail"], dedupeKey: row["dedupe_key"])
    }
}
