import Foundation
import InfinityModel

/// How one build run behaves, beyond the configuration: what the command line (or
/// self-healing) asks for.
public struct BuildOptions: Sendable, Hashable {
    /// Only these repositories (empty: all of them). Unknown names are an error.
    public var repositories: [String]
    /// Build even what is cached (`--all`, or a re-run by self-healing).
    public var force: Bool
    /// Builds at once; `build.max_parallel` when nil.
    public var maxParallel: Int?
    /// Only these steps (a re-run of a failed step); all of a repository's steps when nil.
    /// A partial run that passes counts as a success of the repository's cache key.
    public var onlySteps: Set<BuildStep.Name>?
    /// Time between SIGTERM and SIGKILL when a step is stopped.
    public var killGrace: Duration
    /// What started the run: `manual`, `cycle`, `heal`, `merge` …
    public var trigger: String
    /// Also write a self-contained result per repository here (`--results-dir`).
    public var resultsDirectory: String?
    /// Append the markdown summary to `$GITHUB_STEP_SUMMARY` when it is set.
    public var appendStepSummary: Bool

    public init(repositories: [String] = [], force: Bool = false, maxParallel: Int? = nil, onlySteps: Set<BuildStep.Name>? = nil,
                killGrace: Duration = .seconds(5), trigger: String = "manual", resultsDirectory: String? = nil,
                appendStepSummary: Bool = true) {
        self.repositories = repositories
        self.force = force
        self.maxParallel = maxParallel
        self.onlySteps = onlySteps
        self.killGrace = killGrace
        self.trigger = trigger
        self.resultsDirectory = resultsDirectory
        self.appendStepSummary = appendStepSummary
    }
}

/// A build run that could not happen at all (per-repository problems are results, not errors).
public struct BuildError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public enum Code: String, Sendable {
        case unknownRepository = "unknown-repository"
        case busy
        case manifest
        case store
        case resultsDirectory = "results-directory"
        case merge
        case cache
        case invalidEcosystem = "invalid-ecosystem"
    }

    public var code: Code
    public var message: String
    public var remedy: String?
    public var underlying: String?

    public init(_ code: Code, _ message: String, remedy: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.remedy = remedy
        self.underlying = underlying.map { "\($0)" }
    }

    public var description: String {
        var text = message
        if let underlying { text += ": \(underlying)" }
        if let remedy { text += " (\(remedy))" }
        return text
    }

    public var errorDescription: String? { description }
}
