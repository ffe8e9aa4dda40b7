/// A knowledge-base entry: when a log line matches one of its patterns, the log is evidence
/// for its category, with the rule's weight.
public struct FailureRule: Sendable, Hashable, Identifiable {
    /// Where a rule was defined.
    public struct Source: Sendable, Hashable, CustomStringConvertible {
        /// The rule file (`<default>` for the built-in rules).
        public var file: String
        /// The 1-based line of the rule's mapping.
        public var line: Int
        /// The 1-based column of the rule's mapping.
        public var column: Int

        /// Creates a source location.
        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }

        /// `file:line:column`.
        public var description: String { "\(file):\(line):\(column)" }
    }

    /// The default weight when a rule declares none.
    public static let defaultWeight = 50

    /// A unique, dotted id (`rust.clippy.deny-warnings`); a user rule with the same id replaces this one.
    public var id: String
    /// The category a match is evidence for.
    public var category: FailureCategory
    /// The patterns; a line matching any of them is a match.
    public var patterns: [FailurePattern]
    /// What the rule recognises.
    public var description: String?
    /// What to do when this rule decides a failure.
    public var remedy: String?
    /// Priority from 1 to 100: decisive root causes score high, generic symptoms low.
    public var weight: Int
    /// Whether the rule is switched off (kept so that later overrides can see it).
    public var disabled: Bool
    /// Where the rule was defined, when loaded from YAML.
    public var source: Source?

    /// Creates a rule; `weight` is clamped to 1…100.
    public init(
        id: String,
        category: FailureCategory,
        patterns: [FailurePattern],
        description: String? = nil,
        remedy: String? = nil,
        weight: Int = FailureRule.defaultWeight,
        disabled: Bool = false,
        source: Source? = nil
    ) {
        self.id = id
        self.category = category
        self.patterns = patterns
        self.description = description
        self.remedy = remedy
        self.weight = min(100, max(1, weight))
        self.disabled = disabled
        self.source = source
    }
}
