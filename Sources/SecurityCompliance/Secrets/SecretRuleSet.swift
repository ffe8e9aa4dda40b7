/// An ordered set of secret rules plus an allowlist that applies to all of them.
///
/// The built-in set is ``default``; a user file extends it with ``extending(yaml:file:)``,
/// where an entry with an existing id overrides only the fields it gives (`disabled: true`
/// turns a rule off) and an entry with a new id adds a rule.
public struct SecretRuleSet: Sendable {
    /// The rules, in file order (overrides keep the place of the rule they override).
    public var rules: [SecretRule]
    /// Candidates every rule drops.
    public var allowlist: SecretAllowlist

    /// Creates a rule set from already-built rules.
    public init(rules: [SecretRule], allowlist: SecretAllowlist = .init()) {
        self.rules = rules
        self.allowlist = allowlist
    }

    /// The rules that are not disabled.
    public var enabledRules: [SecretRule] { rules.filter { !$0.disabled } }

    /// The built-in rules shipped with the tool (see `DefaultSecretRules.swift`).
    ///
    /// The built-in YAML is checked by the test suite; should it ever fail to load, this
    /// is an empty set and ``loadDefault()`` reports why.
    public static let `default`: SecretRuleSet = (try? loadDefault()) ?? SecretRuleSet(rules: [])

    /// Loads the built-in rules, throwing if the embedded YAML is invalid.
    public static func loadDefault() throws(SecretScanError) -> SecretRuleSet {
        try load(yaml: DefaultSecretRules.yaml, file: DefaultSecretRules.fileName)
    }

    /// Loads a stand-alone rule set from YAML; every rule must be complete.
    ///
    /// - Parameters:
    ///   - yaml: the rules file's text.
    ///   - file: the path used in error messages.
    /// - Throws: ``SecretScanError`` naming `file:line` and the rule id.
    public static func load(yaml: String, file: String) throws(SecretScanError) -> SecretRuleSet {
        try SecretRuleSet(rules: []).extending(yaml: yaml, file: file)
    }

    /// Returns this set extended and overridden by a user rules file.
    ///
    /// - Throws: ``SecretScanError`` naming `file:line` and the rule id.
    public func extending(yaml: String, file: String) throws(SecretScanError) -> SecretRuleSet {
        let document = try SecretRulesDocument.parse(yaml: yaml, file: file)
        var result = self
        result.allowlist = allowlist.merged(with: document.allowlist)
        var seen = Set<String>()
        for entry in document.rules {
            guard seen.insert(entry.id).inserted else {
                throw SecretScanError(
                    code: .duplicateRule,
                    message: "the id is used twice in this file; give each rule its own id",
                    ruleID: entry.id, file: file, line: entry.origin.line)
            }
            if let index = result.rules.firstIndex(where: { $0.id == entry.id }) {
                result.rules[index] = try entry.applied(to: result.rules[index])
            } else {
                result.rules.append(try entry.makeRule())
            }
        }
        for rule in result.rules where !rule.disabled {
            try SecretRuleValidation.validate(rule)
        }
        return result
    }
}
