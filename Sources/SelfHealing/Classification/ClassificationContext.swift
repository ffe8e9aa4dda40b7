/// What is known about the failed step besides its log: exit status, timeout flag and history.
public struct ClassificationContext: Sendable, Hashable, Codable {
    /// The step's exit code, if known (`137` means killed by SIGKILL; `124` is `timeout(1)`).
    public var exitCode: Int32?
    /// The signal that ended the step, if known (`9` is SIGKILL).
    public var signal: Int32?
    /// Whether the runner reported that the step hit its time limit.
    public var timedOut: Bool
    /// Earlier outcomes of the same job in the same repository, oldest first.
    public var history: [PriorOutcome]
    /// The commit the failed run built, used to match ``history`` entries on the same SHA.
    public var commitSHA: String?

    /// Creates a context; every field is optional.
    public init(
        exitCode: Int32? = nil,
        signal: Int32? = nil,
        timedOut: Bool = false,
        history: [PriorOutcome] = [],
        commitSHA: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.history = history
        self.commitSHA = commitSHA
    }

    enum CodingKeys: String, CodingKey {
        case exitCode, signal, timedOut, history, commitSHA
    }

    /// Decodes a context; missing keys take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exitCode = try container.decodeIfPresent(Int32.self, forKey: .exitCode)
        signal = try container.decodeIfPresent(Int32.self, forKey: .signal)
        timedOut = try container.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false
        history = try container.decodeIfPresent([PriorOutcome].self, forKey: .history) ?? []
        commitSHA = try container.decodeIfPresent(String.self, forKey: .commitSHA)
    }
}

/// One earlier run of the same job: which commit it built and whether it passed.
public struct PriorOutcome: Sendable, Hashable, Codable {
    /// Whether a run passed or failed.
    public enum Result: String, Sendable, Hashable, Codable {
        /// The run succeeded.
        case passed
        /// The run failed.
        case failed
    }

    /// The commit the run built, if known.
    public var commitSHA: String?
    /// The run's result.
    public var result: Result
    /// The category the run was classified as, when it failed and was classified.
    public var category: FailureCategory?

    /// Creates a prior outcome.
    public init(commitSHA: String? = nil, result: Result, category: FailureCategory? = nil) {
        self.commitSHA = commitSHA
        self.result = result
        self.category = category
    }
}
