import Foundation

/// An ordered, validated set of ``FailureRule``s: the knowledge base of the classifier.
///
/// The built-in set (``default``) ships inside the library as YAML text
/// (`DefaultFailureRules.swift`). A user file can add rules, replace rules with the same id
/// (fields it leaves out are kept from the replaced rule) or switch them off with
/// `disabled: true`:
///
/// ```swift
/// let rules = try FailureRuleSet.default.extended(withYAML: text, file: ".infinity/failure-rules.yml")
/// ```
public struct FailureRuleSet: Sendable, Hashable {
    /// All rules in order, including disabled ones.
    public private(set) var rules: [FailureRule]

    /// Creates a set; a later rule replaces an earlier one with the same id.
    public init(rules: [FailureRule]) {
        var ordered: [FailureRule] = []
        var positions: [String: Int] = [:]
        for rule in rules {
            if let position = positions[rule.id] {
                ordered[position] = rule
            } else {
                positions[rule.id] = ordered.count
                ordered.append(rule)
            }
        }
        self.rules = ordered
    }

    /// The rules that take part in classification.
    public var enabledRules: [FailureRule] { rules.filter { !$0.disabled } }

    /// The rule with `id`, if present.
    public func rule(id: String) -> FailureRule? {
        rules.first { $0.id == id }
    }

    /// The built-in rules, parsed once from ``DefaultFailureRules/yaml``.
    ///
    /// Never fails at run time: a test checks that the embedded YAML loads; should it ever
    /// not, this is an empty set (and classification falls back to the heuristic layers).
    public static let `default`: FailureRuleSet = {
        (try? FailureRuleSet.load(yaml: DefaultFailureRules.yaml, file: DefaultFailureRules.fileName))
            ?? FailureRuleSet(rules: [])
    }()

    /// Parses a standalone rule file: every rule must be complete (`id`, `category`, `patterns`).
    ///
    /// - Parameters:
    ///   - yaml: The file's text: a mapping with a `rules:` list, or a bare list of rules.
    ///   - file: The name used in error messages.
    /// - Throws: ``FailureRuleError`` naming the rule id and `file:line:column`.
    public static func load(yaml: String, file: String) throws(FailureRuleError) -> FailureRuleSet {
        let parsed = try FailureRuleParser(file: file, base: nil).parse(yaml: yaml)
        return FailureRuleSet(rules: parsed)
    }

    /// Reads and parses a standalone rule file from disk.
    public static func load(fileAt path: String) throws(FailureRuleError) -> FailureRuleSet {
        try load(yaml: readRuleFile(path), file: path)
    }

    /// Returns this set extended by a user rule file: new ids are added; an existing id is
    /// replaced, keeping the fields the user rule leaves out; `disabled: true` switches a rule off.
    ///
    /// - Throws: ``FailureRuleError`` naming the rule id and `file:line:column`.
    public func extended(withYAML yaml: String, file: String) throws(FailureRuleError) -> FailureRuleSet {
        let parsed = try FailureRuleParser(file: file, base: self).parse(yaml: yaml)
        return merging(FailureRuleSet(rules: parsed))
    }

    /// Reads a user rule file from disk and extends this set with it (see ``extended(withYAML:file:)``).
    public func extended(withFileAt path: String) throws(FailureRuleError) -> FailureRuleSet {
        try extended(withYAML: Self.readRuleFile(path), file: path)
    }

    /// Returns this set with `other`'s rules added; rules with the same id are replaced in place.
    public func merging(_ other: FailureRuleSet) -> FailureRuleSet {
        FailureRuleSet(rules: rules + other.rules)
    }

    private static func readRuleFile(_ path: String) throws(FailureRuleError) -> String {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw FailureRuleError(
                code: .unreadableFile,
                file: path,
                message: "cannot read the rule file; check that it exists and is readable",
                underlying: error.localizedDescription
            )
        }
    }
}
