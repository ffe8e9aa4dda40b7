/// One secret found in a file, with the secret itself redacted.
///
/// A finding never holds the secret: `redacted` keeps at most a short prefix and
/// `fingerprint` is a salted SHA-256 that identifies the finding in a baseline without
/// being reversible to the value.
public struct SecretFinding: Codable, Sendable, Hashable {
    /// The id of the rule that matched, e.g. `github-pat`.
    public var ruleID: String
    /// What the rule detects, e.g. "GitHub personal access token".
    public var description: String
    /// How serious the finding is.
    public var severity: FindingSeverity
    /// The file path as reported (relative to the scanned path's parent when a
    /// directory was given as a relative path).
    public var file: String
    /// 1-based line of the secret's first character.
    public var line: Int
    /// 1-based column (in bytes) of the secret's first character.
    public var column: Int
    /// The secret with all but a short prefix removed, e.g. `ghp_…`.
    public var redacted: String
    /// Shannon entropy of the secret in bits per byte.
    public var entropy: Double
    /// Stable, salted SHA-256 (hex) over rule id, file path and secret.
    public var fingerprint: String
    /// The commit that introduced the secret, in history mode; `nil` for working-tree scans.
    public var commit: String?

    /// Creates a finding; callers normally get findings from ``SecretScanner``.
    public init(
        ruleID: String, description: String, severity: FindingSeverity, file: String,
        line: Int, column: Int, redacted: String, entropy: Double, fingerprint: String,
        commit: String? = nil
    ) {
        self.ruleID = ruleID
        self.description = description
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.redacted = redacted
        self.entropy = entropy
        self.fingerprint = fingerprint
        self.commit = commit
    }

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id"
        case description, severity, file, line, column, redacted, entropy, fingerprint, commit
    }
}
