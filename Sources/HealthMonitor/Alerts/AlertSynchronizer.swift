import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// Keeps one alert per repository in sync with its health: opens, updates in place,
/// reminds and closes through an `AlertChannel`, never twice for the same change.
///
/// The store's alert ledger is the arbiter. Before touching the channel, a pass claims the
/// change with a compare-and-swap on the ledger entry's version (an IMMEDIATE transaction);
/// a concurrent pass that read the same version loses the swap, re-reads, and finds nothing
/// left to do. The channel is then searched by key (the hidden marker) before opening, so a
/// lost ledger or a crash between claim and open never produces a second alert. If the
/// channel fails, the claim is rolled back so the next pass retries. Every action goes to
/// the audit log.
struct AlertSynchronizer: Sendable {
    var channel: any AlertChannel
    var store: StateStore
    var settings: HealthSettings
    var organization: String
    var clock: WallClock
    var logger: Logger
    var runID: String?

    /// Syncs the alert of every report; in a dry run only plans.
    func sync(_ reports: [HealthReport], dryRun: Bool) async -> (actions: [AlertAction], diagnostics: [Diagnostic]) {
        var actions: [AlertAction] = []
        var diagnostics: [Diagnostic] = []
        let ledger: [String: AlertRecord]
        do { ledger = try store.alerts() } catch {
            return ([], [Diagnostic(.warning, "alerts not synced: \(error)")])
        }
        let realert = Double(settings.realertAfter.components.seconds)
        for report in reports {
            let key = AlertPlanner.key(for: report.repository)
            let now = clock.now()
            guard let kind = AlertPlanner.plan(report, record: ledger[key], now: now, realertAfter: realert) else { continue }
            if dryRun {
                actions.append(AlertAction(repository: report.repository, key: key, kind: kind, outcome: .planned,
                                           reference: ledger[key]?.reference, detail: report.failingChecks.joined(separator: ", ")))
                continue
            }
            let action = await apply(report, key: key, first: ledger[key], firstKind: kind)
            if action.outcome == .failed {
                diagnostics.append(Diagnostic(.warning, repository: report.repository, "alert \(action.kind.rawValue) failed: \(action.detail)",
                                              remedy: "it is retried on the next pass"))
            }
            actions.append(action)
        }
        return (actions, diagnostics)
    }

    /// Claims and performs one change, re-planning (at most three times) when another pass wins the claim.
    private func apply(_ report: HealthReport, key: String, first: AlertRecord?, firstKind: AlertAction.Kind) async -> AlertAction {
        var record = first
        var kind = firstKind
        let realert = Double(settings.realertAfter.components.seconds)
        for attempt in 0..<3 {
            let now = clock.now()
            if attempt > 0 {
                do { record = try store.alert(key: key) } catch { return failed(report, key, kind, "\(error)") }
                guard let next = AlertPlanner.plan(report, record: record, now: now, realertAfter: realert) else {
                    return AlertAction(repository: report.repository, key: key, kind: kind, outcome: .superseded,
                                       reference: record?.reference, detail: "another pass handled it")
                }
                kind = next
            }
            let wanted = AlertPlanner.record(after: kind, report: report, previous: record, key: key, now: now)
            let claimed: AlertRecord?
            do { claimed = try store.swapAlert(wanted, expectedVersion: record?.version) } catch { return failed(report, key, kind, "\(error)") }
            guard var claimed else { continue }
            do {
                let reference = try await perform(kind, report: report, key: key)
                if let reference, reference != claimed.reference {
                    var withRef = claimed
                    withRef.reference = reference
                    if let stored = try store.swapAlert(withRef, expectedVersion: claimed.version) { claimed = stored }
                }
                audit(kind, report: report, outcome: "ok", detail: "\(key) → \(reference ?? "-"); failing: \(report.failingChecks.joined(separator: ", "))")
                logger.info("alert \(kind.rawValue)", metadata: ["repo.name": "\(report.repository)", "alert.key": "\(key)"])
                return AlertAction(repository: report.repository, key: key, kind: kind, outcome: .done, reference: reference ?? claimed.reference,
                                   detail: report.failingChecks.joined(separator: ", "))
            } catch {
                // Undo the claim so the next pass tries again.
                if let record { _ = try? store.swapAlert(record, expectedVersion: claimed.version) } else {
                    _ = try? store.removeAlert(key: key, expectedVersion: claimed.version)
                }
                return failed(report, key, kind, "\(error)")
            }
        }
        return AlertAction(repository: report.repository, key: key, kind: kind, outcome: .superseded,
                           reference: record?.reference, detail: "the alert kept changing under concurrent passes")
    }

    /// Does `kind` on the channel; returns the alert's reference.
    private func perform(_ kind: AlertAction.Kind, report: HealthReport, key: String) async throws -> String? {
        let title = AlertText.title(report)
        let body = AlertText.body(report, organization: organization, settings: settings)
        let existing = try await channel.find(key: key)
        switch kind {
        case .open, .update:
            if let existing {
                return try await channel.update(existing, title: title, body: body, reopen: existing.state == .closed).reference
            }
            return try await channel.open(key: key, title: title, body: body).reference
        case .remind:
            guard let existing, existing.state == .open else {
                if let existing { return try await channel.update(existing, title: title, body: body, reopen: true).reference }
                return try await channel.open(key: key, title: title, body: body).reference
            }
            return try await channel.comment(on: existing, text: AlertText.reminder(report)).reference
        case .close:
            guard let existing, existing.state == .open else { return existing?.reference }
            return try await channel.close(existing, comment: AlertText.closing(report)).reference
        }
    }

    private func failed(_ report: HealthReport, _ key: String, _ kind: AlertAction.Kind, _ message: String) -> AlertAction {
        audit(kind, report: report, outcome: "failed", detail: "\(key): \(message)")
        return AlertAction(repository: report.repository, key: key, kind: kind, outcome: .failed, reference: nil, detail: message)
    }

    private func audit(_ kind: AlertAction.Kind, report: HealthReport, outcome: String, detail: String) {
        do {
            try store.appendAudit(AuditEntry(at: clock.now(), runID: runID, action: "alert.\(kind.rawValue)", target: report.repository,
                                             outcome: outcome, detail: detail))
        } catch {
            logger.warning("cannot write the audit log", metadata: ["repo.name": "\(report.repository)", "error": "\(error)"])
        }
    }
}
