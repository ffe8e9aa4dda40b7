import Foundation

/// Turns ``SecurityFinding``s into SARIF 2.1.0 logs that GitHub code scanning accepts.
///
/// What the output looks like:
/// - One log per repository (a log is uploaded to one repository); findings without a
///   repository form their own log.
/// - One run per tool, with `automationDetails.id` = category `infinity/<tool>/` (the
///   `infinity-` prefix of our tools dropped: `infinity/secrets/`, `infinity/deps/`,
///   `infinity/trivy/`). A tool with more than `maxResultsPerRun` results is split into
///   shards `infinity/<tool>/shard-<i>-of-<n>/`, chosen by a stable hash of each finding's
///   identity so a finding stays in its shard from one scan to the next; every shard is
///   written, empty ones too, so alerts fixed in a shard get closed.
/// - Files hold at most `maxRunsPerFile` runs; ``makeLogs(findings:toolVersion:sourceReader:)``
///   returns several logs when needed.
/// - Rules are deduplicated per run and sorted by id; `ruleIndex` points into them.
///   `level` and `security-severity` follow ``SecuritySeverity``; a rule gets the highest
///   severity of its findings, each result carries its own `level` and
///   `properties.security-severity`.
/// - `columnKind` is `utf16CodeUnits`; files are percent-encoded relative URIs with
///   `uriBaseId: %SRCROOT%`.
/// - `partialFingerprints` has `infinityFindingId/v1` (the finding's fingerprint) and,
///   when the source reader returns the file, `primaryLocationLineHash`.
/// - No source text is copied into the log (no `snippet`): findings may be secrets.
/// - Output is deterministic: inputs are sorted, keys are encoded sorted.
public struct SARIFWriter: Sendable {
    /// How the writer names, limits and formats its output.
    public struct Configuration: Sendable {
        /// First segment of every category (`<prefix>/<tool>/`).
        public var categoryPrefix: String
        /// `tool.driver.informationUri` for our own tools (must be an absolute URI).
        public var informationURI: String?
        /// Absolute checkout root: absolute finding paths under it are made relative.
        public var sourceRoot: String?
        /// GitHub's limits (and our message bound).
        public var limits: SARIFUploadLimits
        /// Tools that always get a run, even with no findings, so GitHub closes their
        /// fixed alerts (for example `["infinity-secrets", "infinity-deps"]`).
        public var alwaysEmittedTools: [String]
        /// `precision` written on each tool's rules.
        public var precisionByTool: [String: String]
        /// Pretty-prints the JSON (for humans; uploads do not need it).
        public var prettyPrinted: Bool

        /// Creates a configuration.
        public init(
            categoryPrefix: String = "infinity",
            informationURI: String? = nil,
            sourceRoot: String? = nil,
            limits: SARIFUploadLimits = .github,
            alwaysEmittedTools: [String] = [],
            precisionByTool: [String: String] = ["infinity-secrets": "high", "infinity-deps": "very-high"],
            prettyPrinted: Bool = false
        ) {
            self.categoryPrefix = categoryPrefix
            self.informationURI = informationURI
            self.sourceRoot = sourceRoot
            self.limits = limits
            self.alwaysEmittedTools = alwaysEmittedTools
            self.precisionByTool = precisionByTool
            self.prettyPrinted = prettyPrinted
        }
    }

    /// Run property naming the repository a run belongs to.
    public static let repositoryPropertyKey = "infinity.repository"
    /// Run property naming the shard (`"2/4"`) of a split tool.
    public static let shardPropertyKey = "infinity.shard"
    /// `partialFingerprints` key holding ``SecurityFinding/fingerprint``.
    public static let findingFingerprintKey = "infinityFindingId/v1"
    /// `partialFingerprints` key GitHub uses for the line hash.
    public static let lineHashKey = "primaryLocationLineHash"

    /// The configuration in use.
    public var configuration: Configuration

    /// Creates a writer.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Builds the logs for `findings`, grouped by repository, one run per tool (or shard).
    ///
    /// - Parameters:
    ///   - toolVersion: version of Infinity, written on our own tools' drivers.
    ///   - sourceReader: source of file bytes for `primaryLocationLineHash`.
    /// - Throws: ``SARIFError`` with code `invalidFinding` when a finding has an unknown
    ///   severity or an empty tool, rule id or fingerprint.
    public func makeLogs(
        findings: [SecurityFinding], toolVersion: String,
        sourceReader: SARIFSourceReader = .unavailable
    ) throws -> [SARIFLog] {
        try plan(findings: findings, repositories: [], toolVersion: toolVersion,
                 sourceReader: sourceReader, shardLimits: [:])
            .flatMap { group in chunkRuns(group.runs.map(\.run)) }
    }

    /// Builds the logs of one repository; with no findings it still writes the runs of
    /// ``Configuration/alwaysEmittedTools`` (empty), so their fixed alerts get closed.
    /// Findings of other repositories are rejected.
    public func makeLogs(
        forRepository repository: String?, findings: [SecurityFinding], toolVersion: String,
        sourceReader: SARIFSourceReader = .unavailable
    ) throws -> [SARIFLog] {
        if let stray = findings.first(where: { $0.repository != repository }) {
            throw SARIFError(
                code: .invalidFinding,
                message: "Finding \(stray.tool)/\(stray.ruleId) belongs to repository "
                    + "'\(stray.repository ?? "(none)")', not '\(repository ?? "(none)")'; "
                    + "pass each repository's findings separately.")
        }
        return try plan(findings: findings, repositories: [repository], toolVersion: toolVersion,
                        sourceReader: sourceReader, shardLimits: [:])
            .flatMap { group in chunkRuns(group.runs.map(\.run)) }
    }

    /// Encodes a log as compact (or pretty) JSON with sorted keys.
    public func encode(_ log: SARIFLog) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = configuration.prettyPrinted
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(log)
        } catch {
            throw SARIFError(code: .encoding, message: "Could not encode the SARIF log.", underlying: error)
        }
    }

    /// Splits a repository's runs into logs of at most `maxRunsPerFile` runs.
    func chunkRuns(_ runs: [SARIFRun]) -> [SARIFLog] {
        let size = configuration.limits.maxRunsPerFile
        return stride(from: 0, to: runs.count, by: size).map { start in
            SARIFLog(runs: Array(runs[start..<min(start + size, runs.count)]))
        }
    }
}
