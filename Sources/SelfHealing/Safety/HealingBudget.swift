import Foundation

/// The limits on how much healing may do in a time window: a per-repository attempt
/// budget (default 3 per 24 h) and an organization-wide retry budget (at most a share of
/// the builds in the window may be retries).
public struct HealingBudget: Sendable, Hashable {
    public var maxAttemptsPerRepository: Int
    public var window: Duration
    /// Percent of builds in the window that may be retries.
    public var orgRetryBudgetPercent: Int

    public init(maxAttemptsPerRepository: Int = 3, window: Duration = .seconds(86_400), orgRetryBudgetPercent: Int = 10) {
        self.maxAttemptsPerRepository = maxAttemptsPerRepository
        self.window = window
        self.orgRetryBudgetPercent = orgRetryBudgetPercent
    }

    /// Why a heal may not run now.
    public enum Refusal: Sendable, Hashable, CustomStringConvertible {
        case repositoryBudgetSpent(attempts: Int, limit: Int)
        case organizationBudgetSpent(retries: Int, limit: Int, builds: Int)

        public var description: String {
            switch self {
            case let .repositoryBudgetSpent(a, l):
                return "repository budget spent: \(a) heal attempts in the window (limit \(l))"
            case let .organizationBudgetSpent(r, l, b):
                return "organization retry budget spent: \(r) retries against \(b) builds in the window (limit \(l))"
            }
        }
    }

    /// The window's start for `now`.
    public func windowStart(_ now: Date) -> Date {
        now.addingTimeInterval(-Double(window.components.seconds))
    }

    /// Checks a heal of one repository: `repositoryAttempts` heal attempts on it in the
    /// window; `orgRetries` retries and `orgBuilds` builds across the organization in the
    /// window. A heal that does not rebuild spends no retry budget.
    public func check(repositoryAttempts: Int, orgRetries: Int, orgBuilds: Int, retriesBuild: Bool) -> Refusal? {
        if repositoryAttempts >= maxAttemptsPerRepository {
            return .repositoryBudgetSpent(attempts: repositoryAttempts, limit: maxAttemptsPerRepository)
        }
        guard retriesBuild else { return nil }
        // At least one retry is always allowed so small organizations can heal at all.
        let limit = max(1, orgBuilds * orgRetryBudgetPercent / 100)
        if orgRetries >= limit {
            return .organizationBudgetSpent(retries: orgRetries, limit: limit, builds: orgBuilds)
        }
        return nil
    }
}
