import Foundation
import InfinityModel

/// Which action answers which failure category: the design's decision tree as a table,
/// with per-category replacements from `healing.strategies` in orchestrator.yml.
public struct StrategyTable: Sendable, Hashable {
    public private(set) var actions: [FailureCategory: HealingAction]

    /// The design's defaults.
    public static let `default` = StrategyTable(actions: [
        .cacheCorruption: .clearCache,
        .dependencyResolution: .updateDependencies,
        .flakyTest: .rerun,
        .testFailure: .report,
        .configError: .resetConfiguration,
        .network: .retry,
        .infrastructure: .retry,
        .timeout: .retryOnce,
        .diskFull: .cleanWorkspace,
        .outOfMemory: .retryWithLowerParallelism,
        .auth: .alertHumans,
        .lintError: .autofixLint,
        .vulnerableDependency: .bumpVulnerable,
        .compileError: .report,
        .unknown: .report,
    ])

    public init(actions: [FailureCategory: HealingAction]) { self.actions = actions }

    /// The defaults with `overrides` (category name → action name) applied; unknown names
    /// are reported with the nearest valid one.
    public static func resolving(_ overrides: [String: String]) throws(StrategyTableError) -> StrategyTable {
        var table = StrategyTable.default
        for (categoryName, actionName) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let category = FailureCategory(rawValue: categoryName) else {
                throw StrategyTableError(message: "healing.strategies: unknown failure category `\(categoryName)`",
                                         suggestion: EditDistance.nearest(to: categoryName, in: FailureCategory.allCases.map(\.rawValue)))
            }
            guard let action = HealingAction(rawValue: actionName) else {
                throw StrategyTableError(message: "healing.strategies.\(categoryName): unknown action `\(actionName)`",
                                         suggestion: EditDistance.nearest(to: actionName, in: HealingAction.allCases.map(\.rawValue)))
            }
            if category == .auth && action != .alertHumans && action != .report {
                throw StrategyTableError(message: "healing.strategies.auth: authentication failures are never retried; use `alert` or `report`", suggestion: "alert")
            }
            table.actions[category] = action
        }
        return table
    }

    /// The action for `category` (`report` when the table has none).
    public func action(for category: FailureCategory) -> HealingAction { actions[category] ?? .report }
}

/// A `healing.strategies` entry that names no category or action.
public struct StrategyTableError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String
    public var suggestion: String?
    public var description: String { suggestion.map { "\(message) (did you mean `\($0)`?)" } ?? message }
    public var errorDescription: String? { description }
}
