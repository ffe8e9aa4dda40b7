/// The result of a secret scan: findings plus what was scanned, skipped and suppressed.
public struct SecretScanReport: Codable, Sendable, Hashable {
    /// Findings, sorted by file, line and column.
    public var findings: [SecretFinding]
    /// Number of files whose contents were scanned.
    public var filesScanned: Int
    /// Total bytes of the scanned files.
    public var bytesScanned: Int
    /// Files that were not scanned, and why.
    public var skipped: [SkippedFile]
    /// Findings dropped by inline ignore comments.
    public var suppressedInline: Int
    /// Findings dropped because their fingerprint is in the baseline.
    public var suppressedByBaseline: Int
    /// Problems that did not stop the scan (unreadable files, failed git objects).
    public var diagnostics: [String]

    /// Creates a report.
    public init(
        findings: [SecretFinding] = [], filesScanned: Int = 0, bytesScanned: Int = 0,
        skipped: [SkippedFile] = [], suppressedInline: Int = 0, suppressedByBaseline: Int = 0,
        diagnostics: [String] = []
    ) {
        self.findings = findings
        self.filesScanned = filesScanned
        self.bytesScanned = bytesScanned
        self.skipped = skipped
        self.suppressedInline = suppressedInline
        self.suppressedByBaseline = suppressedByBaseline
        self.diagnostics = diagnostics
    }

    /// The highest severity among the findings, if any.
    public var highestSeverity: FindingSeverity? { findings.map(\.severity).max() }

    enum CodingKeys: String, CodingKey {
        case findings
        case filesScanned = "files_scanned"
        case bytesScanned = "bytes_scanned"
        case skipped
        case suppressedInline = "suppressed_inline"
        case suppressedByBaseline = "suppressed_by_baseline"
        case diagnostics
    }
}

/// A file the scan did not read, and why.
public struct SkippedFile: Codable, Sendable, Hashable {
    /// Why a file was skipped.
    public enum Reason: String, Codable, Sendable, Hashable {
        /// A NUL byte in the first 8 KiB.
        case binary
        /// A lockfile such as `package-lock.json`.
        case lockfile
        /// Under a vendored folder such as `node_modules/` (the folder itself is reported).
        case vendored
        /// Larger than the size limit.
        case tooLarge = "too-large"
        /// Matched an excluded path, a global allowlist path, or a test folder.
        case excluded
    }

    /// The path as reported.
    public var path: String
    /// Why it was skipped.
    public var reason: Reason

    /// Creates a skipped-file entry.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}
