import Yams

/// The parsed form of a rules YAML file, before entries are resolved into rules.
///
/// Keys (all snake_case):
/// - top level: `rules` (list), `allowlist` (mapping).
/// - rule: `id` (required), `description`, `severity` (`low|medium|high|critical`),
///   `regex`, `secret_group` (default 1, or 0 when the regex has no group), `keywords`
///   (list of case-insensitive strings), `min_entropy` (bits per byte), `min_length`,
///   `validator` (`none|jwt|assignment|url-password|private-key|basic-auth`),
///   `disabled` (bool), `allowlist`.
/// - allowlist: `paths` (globs), `regexes`, `stopwords` (lists of strings).
struct SecretRulesDocument {
    var rules: [SecretRuleEntry]
    var allowlist: SecretAllowlist

    static func parse(yaml: String, file: String) throws(SecretScanError) -> SecretRulesDocument {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SecretScanError(
                code: .invalidRulesFile, message: "the rules file is not valid YAML; fix the syntax",
                file: file, line: Self.line(of: error), underlying: String(describing: error))
        }
        guard let root else { return SecretRulesDocument(rules: [], allowlist: .init()) }
        guard let mapping = root.mapping else {
            throw SecretScanError(
                code: .invalidRulesFile,
                message: "the rules file must be a mapping with a `rules` list",
                file: file, line: root.mark?.line)
        }
        let reader = NodeReader(file: file)
        var entries: [SecretRuleEntry] = []
        if let rulesNode = mapping["rules"] {
            guard let sequence = rulesNode.sequence else {
                throw reader.error("`rules` must be a list of rule mappings", node: rulesNode)
            }
            for node in sequence {
                entries.append(try SecretRuleEntry(node: node, reader: reader))
            }
        }
        let allowlist = try mapping["allowlist"].map { node throws(SecretScanError) in
            try reader.allowlist(node, ruleID: nil)
        } ?? SecretAllowlist()
        for key in mapping.keys {
            guard let name = key.string, name == "rules" || name == "allowlist" else {
                throw reader.error(
                    "unknown top-level key `\(key.string ?? "?")`; use `rules` or `allowlist`",
                    node: key)
            }
        }
        return SecretRulesDocument(rules: entries, allowlist: allowlist)
    }

    private static func line(of error: any Error) -> Int? {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return mark.line
            default:
                return nil
            }
        }
        return nil
    }
}

/// Reads typed values out of YAML nodes, with errors that name file:line.
struct NodeReader {
    var file: String

    func error(_ message: String, node: Node?, ruleID: String? = nil) -> SecretScanError {
        SecretScanError(
            code: .invalidRule, message: message, ruleID: ruleID, file: file, line: node?.mark?.line)
    }

    func string(_ node: Node, key: String, ruleID: String?) throws(SecretScanError) -> String {
        guard let scalar = node.scalar else {
            throw error("`\(key)` must be a string", node: node, ruleID: ruleID)
        }
        return scalar.string
    }

    func strings(_ node: Node, key: String, ruleID: String?) throws(SecretScanError) -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else {
            throw error("`\(key)` must be a list of strings", node: node, ruleID: ruleID)
        }
        var values: [String] = []
        for item in sequence {
            values.append(try string(item, key: key, ruleID: ruleID))
        }
        return values
    }

    func bool(_ node: Node, key: String, ruleID: String?) throws(SecretScanError) -> Bool {
        guard let value = node.bool else {
            throw error("`\(key)` must be true or false", node: node, ruleID: ruleID)
        }
        return value
    }

    func int(_ node: Node, key: String, ruleID: String?) throws(SecretScanError) -> Int {
        guard let value = node.int else {
            throw error("`\(key)` must be an integer", node: node, ruleID: ruleID)
        }
        return value
    }

    func double(_ node: Node, key: String, ruleID: String?) throws(SecretScanError) -> Double {
        guard let value = node.float ?? node.int.map(Double.init) else {
            throw error("`\(key)` must be a number", node: node, ruleID: ruleID)
        }
        return value
    }

    func allowlist(_ node: Node, ruleID: String?) throws(SecretScanError) -> SecretAllowlist {
        guard let mapping = node.mapping else {
            throw error("`allowlist` must be a mapping with paths, regexes, stopwords", node: node, ruleID: ruleID)
        }
        var result = SecretAllowlist()
        for (key, value) in mapping {
            switch key.string {
            case "paths": result.paths = try strings(value, key: "paths", ruleID: ruleID)
            case "regexes": result.regexes = try strings(value, key: "regexes", ruleID: ruleID)
            case "stopwords":
                result.stopwords = try strings(value, key: "stopwords", ruleID: ruleID).map { $0.lowercased() }
            default:
                throw error(
                    "unknown allowlist key `\(key.string ?? "?")`; use paths, regexes or stopwords",
                    node: key, ruleID: ruleID)
            }
        }
        return result
    }
}
