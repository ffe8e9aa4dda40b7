/// One detection rule: a keyword pre-filter, a regular expression with a capture group
/// for the secret, and the checks a candidate must pass to become a finding.
public struct SecretRule: Sendable, Hashable {
    /// Unique id, e.g. `aws-access-key-id`; a user rule with the same id overrides it.
    public var id: String
    /// What the rule detects; shown in findings. Never contains a secret.
    public var description: String
    /// How serious a finding of this rule is.
    public var severity: FindingSeverity
    /// The regular expression (ICU / NSRegularExpression syntax).
    public var regex: String
    /// Which capture group holds the secret; 0 means the whole match.
    public var secretGroup: Int
    /// Lowercase keywords; a line is only tried with this rule when it contains one.
    public var keywords: [String]
    /// Minimum Shannon entropy (bits per byte) of the secret; `nil` means no minimum.
    public var minEntropy: Double?
    /// Minimum length of the secret in bytes.
    public var minLength: Int
    /// Extra check run on each candidate.
    public var validator: SecretValidator
    /// Candidates this rule drops.
    public var allowlist: SecretAllowlist
    /// Disabled rules are kept for overriding but never run.
    public var disabled: Bool
    /// Where the rule was defined, for error messages.
    public var origin: SecretRuleOrigin?

    /// Creates a rule; most rules come from YAML through ``SecretRuleSet/load(yaml:file:)``.
    public init(
        id: String, description: String, severity: FindingSeverity, regex: String,
        secretGroup: Int = 1, keywords: [String], minEntropy: Double? = nil, minLength: Int = 1,
        validator: SecretValidator = .none,
        allowlist: SecretAllowlist = .init(), disabled: Bool = false, origin: SecretRuleOrigin? = nil
    ) {
        self.id = id
        self.description = description
        self.severity = severity
        self.regex = regex
        self.secretGroup = secretGroup
        self.keywords = keywords.map { $0.lowercased() }
        self.minEntropy = minEntropy
        self.minLength = minLength
        self.validator = validator
        self.allowlist = allowlist
        self.disabled = disabled
        self.origin = origin
    }
}

/// Where a rule was defined: a file (or a name for built-in text) and a 1-based line.
public struct SecretRuleOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The rules file path, or `<default rules>` for the built-in set.
    public var file: String
    /// 1-based line of the rule's entry in that file.
    public var line: Int

    /// Creates an origin.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}

/// The extra check a rule runs on a regex candidate.
public enum SecretValidator: String, Sendable, Hashable, CaseIterable {
    /// No extra check beyond entropy, stopwords and placeholders.
    case none
    /// The value must be a JWT whose header and payload base64url-decode to JSON objects.
    case jwt
    /// A generic `name = value` assignment judged by context, quoting and randomness.
    case assignment
    /// A password inside a URL or connection string (`scheme://user:pass@host`).
    case urlPassword = "url-password"
    /// A PEM/OpenSSH/PGP/PuTTY private key block with a real body.
    case privateKey = "private-key"
    /// A base64 `user:password` pair after `Basic`.
    case basicAuth = "basic-auth"
}

/// Values, paths and patterns that a rule (or the whole rule set) does not report.
public struct SecretAllowlist: Sendable, Hashable {
    /// Glob patterns (`*`, `**`, `?`) matched against the reported file path.
    public var paths: [String]
    /// Regular expressions; a candidate secret matching one is dropped.
    public var regexes: [String]
    /// Case-insensitive words; a candidate secret containing one is dropped.
    public var stopwords: [String]

    /// Creates an allowlist.
    public init(paths: [String] = [], regexes: [String] = [], stopwords: [String] = []) {
        self.paths = paths
        self.regexes = regexes
        self.stopwords = stopwords.map { $0.lowercased() }
    }

    /// Whether the allowlist has no entries.
    public var isEmpty: Bool { paths.isEmpty && regexes.isEmpty && stopwords.isEmpty }

    /// The entries of both allowlists.
    public func merged(with other: SecretAllowlist) -> SecretAllowlist {
        SecretAllowlist(
            paths: paths + other.paths, regexes: regexes + other.regexes,
            stopwords: stopwords + other.stopwords)
    }
}
