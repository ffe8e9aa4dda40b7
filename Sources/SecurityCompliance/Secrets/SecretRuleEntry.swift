import Yams

/// One `rules:` entry as written: every field but `id` may be left out, so that a user
/// file can override only some fields of a built-in rule.
struct SecretRuleEntry {
    var id: String
    var origin: SecretRuleOrigin
    var description: String?
    var severity: FindingSeverity?
    var regex: String?
    var secretGroup: Int?
    var keywords: [String]?
    var minEntropy: Double?
    var minLength: Int?
    var validator: SecretValidator?
    var disabled: Bool?
    var allowlist: SecretAllowlist?

    init(node: Node, reader: NodeReader) throws(SecretScanError) {
        guard let mapping = node.mapping else {
            throw reader.error("each rule must be a mapping with at least an `id`", node: node)
        }
        guard let idNode = mapping["id"], let id = idNode.string, !id.isEmpty else {
            throw reader.error("the rule has no `id`; add `id: some-name`", node: node)
        }
        self.id = id
        self.origin = SecretRuleOrigin(file: reader.file, line: node.mark?.line ?? 0)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "id": break
            case "description": description = try reader.string(value, key: key, ruleID: id)
            case "severity":
                let text = try reader.string(value, key: key, ruleID: id)
                guard let parsed = FindingSeverity(rawValue: text.lowercased()) else {
                    throw reader.error(
                        "`severity` is `\(text)`; use low, medium, high or critical", node: value, ruleID: id)
                }
                severity = parsed
            case "regex": regex = try reader.string(value, key: key, ruleID: id)
            case "secret_group": secretGroup = try reader.int(value, key: key, ruleID: id)
            case "keywords":
                keywords = try reader.strings(value, key: key, ruleID: id).map { $0.lowercased() }
            case "min_entropy": minEntropy = try reader.double(value, key: key, ruleID: id)
            case "min_length": minLength = try reader.int(value, key: key, ruleID: id)
            case "validator":
                let text = try reader.string(value, key: key, ruleID: id)
                guard let parsed = SecretValidator(rawValue: text) else {
                    let names = SecretValidator.allCases.map(\.rawValue).joined(separator: ", ")
                    throw reader.error("`validator` is `\(text)`; use one of \(names)", node: value, ruleID: id)
                }
                validator = parsed
            case "disabled": disabled = try reader.bool(value, key: key, ruleID: id)
            case "allowlist": allowlist = try reader.allowlist(value, ruleID: id)
            default:
                throw reader.error("unknown rule key `\(key)`", node: keyNode, ruleID: id)
            }
        }
    }

    /// Builds a new rule; `regex` and `keywords` are required unless the rule is disabled.
    func makeRule() throws(SecretScanError) -> SecretRule {
        guard let regex else {
            throw missing("regex")
        }
        guard let keywords, !keywords.isEmpty || disabled == true else {
            throw missing("keywords")
        }
        return applyFields(to: SecretRule(
            id: id, description: description ?? id, severity: severity ?? .medium, regex: regex,
            secretGroup: secretGroup ?? 1, keywords: keywords, origin: origin))
    }

    /// Overrides only the fields this entry gives.
    func applied(to rule: SecretRule) throws(SecretScanError) -> SecretRule {
        var result = applyFields(to: rule)
        result.origin = origin
        if let description { result.description = description }
        if let severity { result.severity = severity }
        if let regex { result.regex = regex }
        if let secretGroup { result.secretGroup = secretGroup }
        if let keywords { result.keywords = keywords }
        return result
    }

    private func applyFields(to rule: SecretRule) -> SecretRule {
        var result = rule
        if let minEntropy { result.minEntropy = minEntropy }
        if let minLength { result.minLength = minLength }
        if let validator { result.validator = validator }
        if let disabled { result.disabled = disabled }
        if let allowlist { result.allowlist = allowlist }
        return result
    }

    private func missing(_ key: String) -> SecretScanError {
        if disabled == true {
            return SecretScanError(
                code: .invalidRule,
                message: "there is no rule with this id to disable; check the id against the built-in rules",
                ruleID: id, file: origin.file, line: origin.line)
        }
        return SecretScanError(
            code: .invalidRule,
            message: "no existing rule has this id, so the entry defines a new rule and needs `\(key)`",
            ruleID: id, file: origin.file, line: origin.line)
    }
}
