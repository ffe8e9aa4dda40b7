import Foundation

/// What self-healing does about a failure — the right-hand side of the decision tree
/// (build error → check cache → clear cache; test error → analyze logs → update deps;
/// env error → check config → reset config; then fix, propose or retry, and watch recovery).
public enum HealingAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Clear the repository's dependency cache, then rebuild.
    case clearCache = "clear_cache"
    /// Run the ecosystem's own update/lock command, rebuild, and propose the change on success.
    case updateDependencies = "update_dependencies"
    /// Re-run the failed steps; a test that flips repeatedly is reported for quarantine.
    case rerun
    /// Report with the failing test names and the evidence; no automatic change.
    case report
    /// Reset configuration files to the last commit whose build passed, and propose it.
    case resetConfiguration = "reset_config"
    /// Retry with exponential backoff.
    case retry
    /// Retry once, then report.
    case retryOnce = "retry_once"
    /// Clean the workspace, then retry.
    case cleanWorkspace = "clean_workspace"
    /// Retry with lower build parallelism.
    case retryWithLowerParallelism = "retry_low_parallelism"
    /// Alert humans; never retried.
    case alertHumans = "alert"
    /// Run the project's own formatter / linter auto-fix, rebuild, and propose the change.
    case autofixLint = "autofix_lint"
    /// Move flagged dependencies to the nearest fixed versions, rebuild, and propose.
    case bumpVulnerable = "bump_vulnerable"

    /// Whether the action re-runs a build (and so spends retry budget).
    public var retriesBuild: Bool {
        switch self {
        case .report, .alertHumans: return false
        default: return true
        }
    }

    /// Whether the action changes files and ends in a proposal (branch or pull request).
    public var proposesChange: Bool {
        switch self {
        case .updateDependencies, .resetConfiguration, .autofixLint, .bumpVulnerable: return true
        default: return false
        }
    }
}
