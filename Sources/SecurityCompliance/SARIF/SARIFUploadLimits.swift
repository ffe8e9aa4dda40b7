/// Limits GitHub code scanning puts on an uploaded SARIF file.
///
/// Source: GitHub Docs, "SARIF results exceed one or more limits" and "SARIF file is too
/// large" (checked for this change): runs per file 20, results per run 25,000, rules per
/// run 25,000, locations per result 1,000, tags per rule 20, and 10 MB for the
/// gzip-compressed file. Rule identifiers longer than 255 characters are rejected ("sarif
/// identifier exceeds maximum length of 255 characters"). Since 2025-07-21 GitHub also
/// rejects a file holding two runs with the same tool and category, so every run we write
/// has its own `automationDetails.id`.
///
/// GitHub documents no message length limit; ``maxMessageLength`` is our own bound to keep
/// files small and readable.
public struct SARIFUploadLimits: Sendable, Hashable {
    /// Results per run (hard limit: more and the file is rejected).
    public var maxResultsPerRun: Int
    /// Runs per file.
    public var maxRunsPerFile: Int
    /// Locations per result. The writer emits one location per result, so this always
    /// holds; it is here for callers that add locations themselves.
    public var maxLocationsPerResult: Int
    /// Tags per rule.
    public var maxTagsPerRule: Int
    /// Size of the gzip-compressed file in bytes ("10 MB", taken as 10,000,000 to be safe).
    public var maxGzippedFileBytes: Int
    /// Length of a rule identifier in UTF-8 bytes.
    public var maxRuleIdLength: Int
    /// Length of a result message in characters (ours, not GitHub's).
    public var maxMessageLength: Int
    /// Length of a rule's `shortDescription` in characters (ours).
    public var maxShortDescriptionLength: Int

    /// Creates limits; defaults are GitHub's.
    public init(
        maxResultsPerRun: Int = 25_000,
        maxRunsPerFile: Int = 20,
        maxLocationsPerResult: Int = 1_000,
        maxTagsPerRule: Int = 20,
        maxGzippedFileBytes: Int = 10_000_000,
        maxRuleIdLength: Int = 255,
        maxMessageLength: Int = 8_192,
        maxShortDescriptionLength: Int = 1_024
    ) {
        self.maxResultsPerRun = max(1, maxResultsPerRun)
        self.maxRunsPerFile = max(1, maxRunsPerFile)
        self.maxLocationsPerResult = max(1, maxLocationsPerResult)
        self.maxTagsPerRule = max(1, maxTagsPerRule)
        self.maxGzippedFileBytes = max(1, maxGzippedFileBytes)
        self.maxRuleIdLength = max(32, maxRuleIdLength)
        self.maxMessageLength = max(32, maxMessageLength)
        self.maxShortDescriptionLength = max(32, maxShortDescriptionLength)
    }

    /// GitHub.com's limits.
    public static let github = SARIFUploadLimits()
}
