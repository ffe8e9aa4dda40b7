import CodeHosts
import Foundation
import InfinityModel
import InfinityStore

/// One thing done (or planned, in a dry run) about one repository's alert.
public struct AlertAction: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Opened (or reopened) because the repository turned unhealthy.
        case open
        /// Rewritten in place because the failing checks changed.
        case update
        /// A reminder on an unchanged alert, at most once per `health.realert_after`.
        case remind
        /// Closed because the repository is healthy again.
        case close
    }

    public enum Outcome: String, Sendable, Hashable, Codable {
        case done
        case failed
        /// Dry run: what would have been done.
        case planned
        /// Another pass changed the alert first; nothing done here.
        case superseded
    }

    public var repository: String
    public var key: String
    public var kind: Kind
    public var outcome: Outcome
    /// Where the alert lives (file path, issue), when known.
    public var reference: String?
    /// Failing checks, or the error.
    public var detail: String

    public init(repository: String, key: String, kind: Kind, outcome: Outcome, reference: String?, detail: String) {
        self.repository = repository
        self.key = key
        self.kind = kind
        self.outcome = outcome
        self.reference = reference
        self.detail = detail
    }
}

/// Decides what an alert needs, from the report and the ledger entry — no I/O, so the rules
/// are tested directly:
/// - unhealthy, no open alert → open;
/// - unhealthy, open, failing checks changed → update in place;
/// - unhealthy, open, unchanged, last touch ≥ `realertAfter` ago → remind;
/// - healthy, open → close;
/// - degraded or unknown, open, failing checks changed → update (no reminders);
/// - anything else → nothing.
public enum AlertPlanner {
    /// The alert key of a repository: `health:<name>`, escaped so it is safe in markers and file names.
    public static func key(for repository: String) -> String { "health:" + AlertMarker.escape(repository) }

    /// A hash of the failing checks, the thing whose change triggers an update.
    public static func failingHash(_ report: HealthReport) -> String {
        SHA256Hex.digest(report.failingChecks.sorted().joined(separator: ","))
    }

    public static func plan(_ report: HealthReport, record: AlertRecord?, now: Date, realertAfter: TimeInterval) -> AlertAction.Kind? {
        let isOpen = record?.state == .open
        let changed = record.map { $0.failingHash != failingHash(report) } ?? true
        switch report.status {
        case .unhealthy:
            if !isOpen { return .open }
            if changed { return .update }
            if let record, now.timeIntervalSince(record.pingedAt) >= realertAfter { return .remind }
            return nil
        case .healthy:
            return isOpen ? .close : nil
        case .degraded, .unknown:
            return isOpen && changed && report.status == .degraded ? .update : nil
        }
    }

    /// The ledger entry after `kind` is done.
    static func record(after kind: AlertAction.Kind, report: HealthReport, previous: AlertRecord?, key: String, now: Date) -> AlertRecord {
        var r = previous ?? AlertRecord(key: key, repository: report.repository, state: .open, failingHash: failingHash(report),
                                        openedAt: now, updatedAt: now, pingedAt: now)
        switch kind {
        case .open:
            r.state = .open
            r.openedAt = now
            r.closedAt = nil
            r.failingHash = failingHash(report)
            r.updatedAt = now
            r.pingedAt = now
        case .update:
            r.failingHash = failingHash(report)
            r.updatedAt = now
            r.pingedAt = now
        case .remind:
            r.pingedAt = now
        case .close:
            r.state = .closed
            r.closedAt = now
            r.updatedAt = now
            r.failingHash = failingHash(report)
        }
        return r
    }
}
