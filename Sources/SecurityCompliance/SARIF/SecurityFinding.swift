/// A tool-neutral security finding: what the secrets and dependency scanners produce and
/// what SARIF ingestion (CodeQL, Trivy, Semgrep, our own output) turns into.
///
/// Conventions the SARIF writer relies on:
/// - `file` is relative to the repository root, `/`-separated (a leading `./` is ignored).
/// - Lines and columns are 1-based; columns count UTF-16 code units and `endColumn` is
///   exclusive, as SARIF's `columnKind: utf16CodeUnits` says.
/// - `fingerprint` is a stable identity for the finding across runs (it must not contain
///   the secret itself).
public struct SecurityFinding: Sendable, Hashable, Codable {
    /// Producing tool: `"infinity-secrets"`, `"infinity-deps"`, or an ingested tool's
    /// `driver.name` (for example `"CodeQL"`, `"Trivy"`).
    public var tool: String
    /// Stable rule identifier, for example `"aws-access-key-id"` or `"CVE-2024-1234"`.
    public var ruleId: String
    /// Short human name of the rule.
    public var ruleName: String?
    /// Longer description of what the rule detects.
    public var ruleDescription: String?
    /// `"low"`, `"medium"`, `"high"` or `"critical"` (see ``SecuritySeverity``).
    public var severity: String
    /// What was found, already redacted.
    public var message: String
    /// Repository the finding belongs to (its name in the manifest).
    public var repository: String?
    /// Path of the file, relative to the repository root.
    public var file: String?
    /// 1-based first line.
    public var startLine: Int?
    /// 1-based first column (UTF-16 code units).
    public var startColumn: Int?
    /// 1-based last line.
    public var endLine: Int?
    /// 1-based column just past the end (UTF-16 code units, exclusive).
    public var endColumn: Int?
    /// Stable identity of the finding.
    public var fingerprint: String
    /// Where to read more about the rule (an absolute URL).
    public var helpURI: String?

    /// Creates a finding; every optional field defaults to `nil`.
    public init(
        tool: String,
        ruleId: String,
        ruleName: String? = nil,
        ruleDescription: String? = nil,
        severity: String,
        message: String,
        repository: String? = nil,
        file: String? = nil,
        startLine: Int? = nil,
        startColumn: Int? = nil,
        endLine: Int? = nil,
        endColumn: Int? = nil,
        fingerprint: String,
        helpURI: String? = nil
    ) {
        self.tool = tool
        self.ruleId = ruleId
        self.ruleName = ruleName
        self.ruleDescription = ruleDescription
        self.severity = severity
        self.message = message
        self.repository = repository
        self.file = file
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.fingerprint = fingerprint
        self.helpURI = helpURI
    }
}
