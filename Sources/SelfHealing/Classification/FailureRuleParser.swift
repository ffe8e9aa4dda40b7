import Foundation
import Yams

/// Turns rule YAML into ``FailureRule``s, keeping the source marks for error messages.
///
/// Keys of a rule mapping:
/// - `id` (string, required): unique dotted id; the same id in a user file replaces the rule.
/// - `category` (string, required for new rules): one of ``FailureCategory``'s raw values.
/// - `patterns` (list, required for new rules): each entry a regex string, or a mapping with
///   `regex:` (and optional `keywords:`) or `literal:`.
/// - `keywords` (list of strings): literals every match of the rule's regexes contains;
///   derived from each regex when left out.
/// - `weight` / `priority` (integer 1…100, default 50): how decisive a match is.
/// - `case_sensitive` (bool, default false).
/// - `description`, `remedy` (strings).
/// - `disabled` (bool): switch the rule off.
struct FailureRuleParser {
    let file: String
    /// Rules that a rule with the same id replaces, inheriting the fields it leaves out.
    let base: FailureRuleSet?

    private static let knownKeys: Set<String> = [
        "id", "category", "patterns", "keywords", "weight", "priority", "case_sensitive",
        "description", "remedy", "disabled",
    ]

    func parse(yaml: String) throws(FailureRuleError) -> [FailureRule] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let mark = Self.mark(of: error)
            throw FailureRuleError(
                code: .invalidYAML,
                file: file,
                line: mark?.line,
                column: mark?.column,
                message: "the rule file is not valid YAML; fix the syntax at this position",
                underlying: Self.problem(of: error)
            )
        } catch {
            throw FailureRuleError(code: .invalidYAML, file: file, message: "the rule file could not be parsed", underlying: "\(error)")
        }
        guard let root else { return [] }
        let list: Node
        switch root {
        case .sequence:
            list = root
        case .mapping(let mapping):
            for key in mapping.keys {
                guard let name = key.string, name == "rules" || name == "version" else {
                    throw failure(.invalidValue, nil, key, "unknown top-level key `\(key.string ?? "?")`; expected `rules:` (and optionally `version:`)")
                }
            }
            guard let rules = root["rules"] else { return [] }
            if case .scalar(let scalar) = rules, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
                return []
            }
            list = rules
        case .scalar(let scalar) where scalar.string.isEmpty:
            return []
        default:
            throw failure(.invalidYAML, nil, root, "expected a mapping with a `rules:` list, or a list of rules")
        }
        guard case .sequence(let sequence) = list else {
            throw failure(.invalidValue, nil, list, "`rules` must be a list of rule mappings")
        }
        var seen: [String: Node] = [:]
        var rules: [FailureRule] = []
        for node in sequence {
            let rule = try parseRule(node)
            if let previous = seen[rule.id] {
                let line = previous.mark?.line ?? 0
                throw failure(.duplicateID, rule.id, node, "the id is already used by the rule at line \(line); ids must be unique within a file")
            }
            seen[rule.id] = node
            rules.append(rule)
        }
        return rules
    }

    private func parseRule(_ node: Node) throws(FailureRuleError) -> FailureRule {
        guard case .mapping(let mapping) = node else {
            throw failure(.invalidValue, nil, node, "each rule must be a mapping with at least `id`")
        }
        guard let idNode = node["id"] else {
            throw failure(.missingField, nil, node, "the rule has no `id`; add a unique dotted id such as `myorg.build.something`")
        }
        guard let id = idNode.string?.trimmingCharacters(in: .whitespaces), !id.isEmpty, case .scalar = idNode else {
            throw failure(.invalidValue, nil, idNode, "`id` must be a non-empty string")
        }
        for key in mapping.keys {
            guard let name = key.string, Self.knownKeys.contains(name) else {
                throw failure(.invalidValue, id, key, "unknown key `\(key.string ?? "?")`; known keys: \(Self.knownKeys.sorted().joined(separator: ", "))")
            }
        }
        let inherited = base?.rule(id: id)
        let source = FailureRule.Source(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)

        let category: FailureCategory
        if let categoryNode = node["category"] {
            guard let text = categoryNode.string, let value = FailureCategory(rawValue: text) else {
                throw failure(.invalidValue, id, categoryNode, "unknown category `\(categoryNode.string ?? "?")`; use one of \(FailureCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            category = value
        } else if let inherited {
            category = inherited.category
        } else {
            throw failure(.missingField, id, node, "the rule has no `category`; add one of \(FailureCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        let caseSensitive = try bool(node["case_sensitive"], id, "case_sensitive") ?? false
        let disabled = try bool(node["disabled"], id, "disabled") ?? false
        let ruleKeywords = try strings(node["keywords"], id, "keywords")

        let weight: Int
        let weightNode = node["weight"] ?? node["priority"]
        if let weightNode {
            guard let value = weightNode.int, (1...100).contains(value) else {
                throw failure(.invalidValue, id, weightNode, "`weight` must be an integer from 1 to 100")
            }
            weight = value
        } else {
            weight = inherited?.weight ?? FailureRule.defaultWeight
        }

        var patterns: [FailurePattern] = []
        if let patternsNode = node["patterns"] {
            guard case .sequence(let entries) = patternsNode, !entries.isEmpty else {
                throw failure(.invalidValue, id, patternsNode, "`patterns` must be a non-empty list of regexes or `{literal: …}` / `{regex: …}` mappings")
            }
            for entry in entries {
                patterns.append(try parsePattern(entry, id: id, ruleKeywords: ruleKeywords, caseSensitive: caseSensitive, ruleLine: source.line))
            }
        } else if let inherited {
            patterns = inherited.patterns
        } else if !disabled {
            throw failure(.missingField, id, node, "the rule has no `patterns`; add a list of regexes or literals")
        }

        let description = try string(node["description"], id, "description") ?? inherited?.description
        let remedy = try string(node["remedy"], id, "remedy") ?? inherited?.remedy
        return FailureRule(
            id: id,
            category: category,
            patterns: patterns,
            description: description,
            remedy: remedy,
            weight: weight,
            disabled: disabled,
            source: source
        )
    }

    private func parsePattern(_ entry: Node, id: String, ruleKeywords: [String], caseSensitive: Bool, ruleLine: Int) throws(FailureRuleError) -> FailurePattern {
        var text: String
        var isLiteral = false
        var keywords = ruleKeywords
        switch entry {
        case .scalar(let scalar):
            text = scalar.string
        case .mapping:
            if let literal = entry["literal"] {
                guard let value = literal.string, case .scalar = literal else {
                    throw failure(.invalidValue, id, literal, "`literal` must be a string")
                }
                text = value
                isLiteral = true
            } else if let regex = entry["regex"] {
                guard let value = regex.string, case .scalar = regex else {
                    throw failure(.invalidValue, id, regex, "`regex` must be a string")
                }
                text = value
                let own = try strings(entry["keywords"], id, "keywords")
                if !own.isEmpty { keywords = own }
            } else {
                throw failure(.invalidValue, id, entry, "a pattern mapping needs `regex:` or `literal:`")
            }
        default:
            throw failure(.invalidValue, id, entry, "a pattern must be a string or a mapping with `regex:` or `literal:`")
        }
        do {
            if isLiteral {
                return try FailurePattern(literal: text, caseSensitive: caseSensitive)
            }
            return try FailurePattern(regex: text, keywords: keywords, caseSensitive: caseSensitive)
        } catch {
            var located = error
            located.ruleID = id
            located.file = file
            located.line = entry.mark?.line
            located.column = entry.mark?.column
            located.message += " (in the rule starting at line \(ruleLine))"
            throw located
        }
    }

    // MARK: - Scalar helpers

    private func string(_ node: Node?, _ id: String, _ key: String) throws(FailureRuleError) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            throw failure(.invalidValue, id, node, "`\(key)` must be a string")
        }
        return scalar.string
    }

    private func bool(_ node: Node?, _ id: String, _ key: String) throws(FailureRuleError) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            throw failure(.invalidValue, id, node, "`\(key)` must be true or false")
        }
        return value
    }

    private func strings(_ node: Node?, _ id: String, _ key: String) throws(FailureRuleError) -> [String] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            throw failure(.invalidValue, id, node, "`\(key)` must be a list of strings")
        }
        var values: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
                throw failure(.invalidValue, id, item, "`\(key)` entries must be non-empty strings")
            }
            values.append(scalar.string)
        }
        return values
    }

    private func failure(_ code: FailureRuleError.Code, _ id: String?, _ node: Node, _ message: String) -> FailureRuleError {
        FailureRuleError(code: code, ruleID: id, file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    private static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
