import Foundation

/// The result of one health check: pass, warn, fail, or not applicable.
public enum CheckOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case pass
    case warn
    case fail
    case notApplicable = "not_applicable"

    /// The share of the check's weight this outcome earns: pass 1, warn ½, fail 0; nil when not applicable.
    public var credit: Double? {
        switch self {
        case .pass: return 1
        case .warn: return 0.5
        case .fail: return 0
        case .notApplicable: return nil
        }
    }

    /// The short word shown in tables (`n/a` for not applicable).
    public var label: String { self == .notApplicable ? "n/a" : rawValue }
}

/// One check's verdict on one repository, with what it saw and how to fix it.
public struct CheckResult: Sendable, Hashable, Codable {
    /// The stable check id (`license`, `pinned-actions` …), also the key under `health.checks`.
    public var id: String
    public var title: String
    /// The weight this check had in the score (from the defaults or `health.checks.<id>.weight`).
    public var weight: Double
    public var outcome: CheckOutcome
    /// What the check saw: file:line, values, or why it could not run.
    public var evidence: String
    /// What to do about a warn or fail.
    public var remedy: String?

    public init(id: String, title: String, weight: Double, outcome: CheckOutcome, evidence: String, remedy: String? = nil) {
        self.id = id
        self.title = title
        self.weight = weight
        self.outcome = outcome
        self.evidence = evidence
        self.remedy = remedy
    }
}

/// One repository's health as one pass saw it: every check, the score and the status.
public struct HealthReport: Sendable, Hashable, Codable {
    public var repository: String
    public var headSHA: String?
    public var checkedAt: Date
    /// 0…100, nil when the status is `unknown`.
    public var score: Int?
    public var status: HealthSummary.Status
    public var checks: [CheckResult]
    /// The score of the previous pass, when there was one with a score.
    public var previousScore: Int?

    public init(repository: String, headSHA: String?, checkedAt: Date, score: Int?, status: HealthSummary.Status,
                checks: [CheckResult], previousScore: Int? = nil) {
        self.repository = repository
        self.headSHA = headSHA
        self.checkedAt = checkedAt
        self.score = score
        self.status = status
        self.checks = checks
        self.previousScore = previousScore
    }

    /// Ids of the checks that failed, in check order.
    public var failingChecks: [String] { checks.filter { $0.outcome == .fail }.map(\.id) }
    /// Ids of the checks that warned, in check order.
    public var warningChecks: [String] { checks.filter { $0.outcome == .warn }.map(\.id) }
    /// Whether the score fell since the previous pass.
    public var scoreFell: Bool {
        guard let score, let previousScore else { return false }
        return score < previousScore
    }

    /// The check called `id`.
    public func check(_ id: String) -> CheckResult? { checks.first { $0.id == id } }

    /// What the manifest keeps of this report.
    public var summary: HealthSummary {
        HealthSummary(status: status, score: score, failingChecks: failingChecks, checkedAt: checkedAt)
    }

    enum CodingKeys: String, CodingKey {
        case repository
        case headSHA = "head_sha"
        case checkedAt = "checked_at"
        case score, status, checks
        case previousScore = "previous_score"
    }
}
