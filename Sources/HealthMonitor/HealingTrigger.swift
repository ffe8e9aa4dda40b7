import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem

/// What the health pass did about healing one repository.
public struct HealingAction: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// A new pending request was recorded.
        case requested
        /// A request for this repository is already pending or taken.
        case alreadyOpen = "already_open"
        /// This failed build was already handled by an earlier request.
        case alreadyHandled = "already_handled"
        /// Dry run: a request would be recorded.
        case planned
        case failed
    }

    public var repository: String
    public var reason: String
    public var outcome: Outcome
    public var requestID: Int64?
    public var detail: String
}

/// Records a healing request for every repository that is unhealthy because its build
/// failed — exactly one per failed build, however many passes see it.
struct HealingTrigger: Sendable {
    static let reason = "build-failed"

    var store: StateStore
    var clock: WallClock
    var runID: String?

    func trigger(_ reports: [HealthReport], builds: [String: RepositoryResultRecord], dryRun: Bool) -> [HealingAction] {
        var actions: [HealingAction] = []
        for report in reports where report.status == .unhealthy && report.check("build")?.outcome == .fail {
            guard let build = builds[report.repository] else { continue }
            let detail = Self.detail(report: report, build: build)
            let dedupe = "build:\(build.runID)"
            if dryRun {
                actions.append(HealingAction(repository: report.repository, reason: Self.reason, outcome: .planned, requestID: nil, detail: dedupe))
                continue
            }
            do {
                let added = try store.addHealingRequest(repository: report.repository, reason: Self.reason, detail: detail, dedupeKey: dedupe, at: clock.now())
                switch added {
                case .created(let r):
                    actions.append(HealingAction(repository: report.repository, reason: Self.reason, outcome: .requested, requestID: r.id, detail: dedupe))
                    try? store.appendAudit(AuditEntry(at: clock.now(), runID: runID, action: "heal.request", target: report.repository,
                                                      outcome: "ok", detail: "request \(r.id) for \(dedupe)"))
                case .alreadyOpen(let r):
                    actions.append(HealingAction(repository: report.repository, reason: Self.reason, outcome: .alreadyOpen, requestID: r.id, detail: dedupe))
                case .alreadyHandled(let r):
                    actions.append(HealingAction(repository: report.repository, reason: Self.reason, outcome: .alreadyHandled, requestID: r.id, detail: dedupe))
                }
            } catch {
                actions.append(HealingAction(repository: report.repository, reason: Self.reason, outcome: .failed, requestID: nil, detail: "\(error)"))
            }
        }
        return actions
    }

    /// The request's detail JSON: what self-healing needs to start.
    static func detail(report: HealthReport, build: RepositoryResultRecord) -> String {
        let d = BuildResultDetail(build)
        var object: [String: Any] = ["build_run_id": build.runID, "build_status": build.status]
        if let v = d.headSHA { object["head_sha"] = v }
        if let v = d.failedStep { object["failed_step"] = v }
        if let v = d.exitCode { object["exit_code"] = v }
        if let v = d.timedOut { object["timed_out"] = v }
        if let v = d.logDirectory { object["log_dir"] = v }
        if let v = report.score { object["health_score"] = v }
        object["failing_checks"] = report.failingChecks
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
