/// The verdict for one CI log: category, coarse class, confidence and the lines that decided it.
///
/// Encodes to JSON as
/// `{"file", "category", "class", "confidence", "evidence": [{"line", "text"}], "rule", "remedy"}`;
/// `rule` and `remedy` are omitted when absent.
public struct Classification: Codable, Sendable, Hashable {
    /// The log's path or name as given to the classifier, if any.
    public var file: String?
    /// The fine category.
    public var category: FailureCategory
    /// The coarse class of ``category``.
    public var coarseClass: FailureClass
    /// How sure the classifier is, from 0 (no idea) to 1.
    public var confidence: Double
    /// The log lines that decided the verdict, in line order.
    public var evidence: [EvidenceLine]
    /// The id of the rule (or built-in layer, such as `context.exit-code-137`) that decided.
    public var ruleID: String?
    /// What to do about it, from the deciding rule.
    public var remedy: String?

    /// Creates a classification; the coarse class follows from the category.
    public init(
        file: String? = nil,
        category: FailureCategory,
        confidence: Double,
        evidence: [EvidenceLine] = [],
        ruleID: String? = nil,
        remedy: String? = nil
    ) {
        self.file = file
        self.category = category
        self.coarseClass = category.coarseClass
        self.confidence = confidence
        self.evidence = evidence
        self.ruleID = ruleID
        self.remedy = remedy
    }

    enum CodingKeys: String, CodingKey {
        case file
        case category
        case coarseClass = "class"
        case confidence
        case evidence
        case ruleID = "rule"
        case remedy
    }

    /// Decodes a classification written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decodeIfPresent(String.self, forKey: .file)
        category = try container.decode(FailureCategory.self, forKey: .category)
        coarseClass = try container.decodeIfPresent(FailureClass.self, forKey: .coarseClass) ?? category.coarseClass
        confidence = try container.decode(Double.self, forKey: .confidence)
        evidence = try container.decodeIfPresent([EvidenceLine].self, forKey: .evidence) ?? []
        ruleID = try container.decodeIfPresent(String.self, forKey: .ruleID)
        remedy = try container.decodeIfPresent(String.self, forKey: .remedy)
    }

    /// Encodes with the keys documented on the type; `file` is written as `null` when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(category, forKey: .category)
        try container.encode(coarseClass, forKey: .coarseClass)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(evidence, forKey: .evidence)
        try container.encodeIfPresent(ruleID, forKey: .ruleID)
        try container.encodeIfPresent(remedy, forKey: .remedy)
    }
}

/// One line of a log quoted as evidence: its 1-based line number and its cleaned text.
public struct EvidenceLine: Codable, Sendable, Hashable {
    /// The 1-based line number in the raw log (lines are split at `\n`; `\r\n` counts once).
    public var line: Int
    /// The line after ANSI codes, carriage-return overwrites and CI markers were removed.
    public var text: String

    /// Creates an evidence line.
    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}
