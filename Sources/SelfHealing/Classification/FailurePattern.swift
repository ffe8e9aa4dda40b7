/// One way a rule recognises a log line: a regular expression or a literal substring.
///
/// Patterns are validated when created: regexes must compile, must not be able to backtrack
/// catastrophically (see ``FailureRuleError/Code/unsafeRegex``), and must yield or declare
/// literal keywords so that the regex only runs on lines that contain one of them.
public struct FailurePattern: Sendable, Hashable, CustomStringConvertible {
    /// How the pattern text is interpreted.
    public enum Kind: String, Sendable, Hashable {
        /// An ICU regular expression (NSRegularExpression syntax), matched anywhere in the line.
        case regex
        /// A plain substring.
        case literal
    }

    /// How ``text`` is interpreted.
    public let kind: Kind
    /// The pattern as written.
    public let text: String
    /// Whether letter case must match (ASCII case folding otherwise).
    public let caseSensitive: Bool
    /// Lower-cased literals; a line must contain at least one of them before the pattern is tried.
    public let keywords: [String]
    /// The literal to look for when the pattern needs no regex engine (literal patterns, and
    /// regexes without operators).
    let literalText: String?
    /// The compiled regex, when one is needed.
    let regex: LineRegex?
    /// Keywords that must all appear before the regex is tried (derived, never declared).
    let requiredKeywords: [String]
    /// Text the line must start with (the regex begins with `^` and this literal).
    let anchoredPrefix: [UInt8]?

    /// Creates a regex pattern.
    ///
    /// - Parameters:
    ///   - pattern: An ICU regular expression.
    ///   - keywords: Literals of which every match contains at least one; derived from the
    ///     pattern when empty.
    ///   - caseSensitive: Whether letter case must match.
    /// - Throws: ``FailureRuleError`` with code `badRegex`, `unsafeRegex` or `missingKeyword`
    ///   (its `file` is `<inline>`; the rule loader fills in rule id and location).
    public init(regex pattern: String, keywords: [String] = [], caseSensitive: Bool = false) throws(FailureRuleError) {
        let analysis: RegexAnalysis
        let compiled: LineRegex
        do {
            let parsed = try RegexAnalysis.parse(pattern)
            analysis = try RegexAnalysis.analyze(parsed)
            compiled = try LineRegex(parsed, caseSensitive: caseSensitive)
        } catch {
            throw FailureRuleError(
                code: error.isMalformed ? .badRegex : .unsafeRegex,
                file: "<inline>",
                message: "pattern `\(pattern)` " + (error.isMalformed ? "is not a valid rule regex: " : "is refused: ") + error.description
            )
        }
        let declared = keywords.map { $0.lowercased() }.filter { !$0.isEmpty }
        if let literal = analysis.literal, declared.isEmpty {
            self.init(kind: .regex, text: pattern, caseSensitive: caseSensitive, keywords: [literal.lowercased()], literalText: literal, regex: nil)
            return
        }
        let chosen = declared.isEmpty ? analysis.keywords : declared
        guard !chosen.isEmpty else {
            throw FailureRuleError(
                code: .missingKeyword,
                file: "<inline>",
                message: "pattern `\(pattern)` has no literal text of \(RegexAnalysis.minimumKeywordLength)+ characters that every match must contain; add `keywords: [...]` listing literals that every matching line contains"
            )
        }
        self.init(
            kind: .regex,
            text: pattern,
            caseSensitive: caseSensitive,
            keywords: Array(Set(chosen)).sorted(),
            literalText: nil,
            regex: compiled,
            requiredKeywords: declared.isEmpty && analysis.requiredKeywords.count > 1 ? analysis.requiredKeywords : [],
            anchoredPrefix: analysis.anchoredPrefix.map { Array($0.utf8) }
        )
    }

    /// Creates a literal-substring pattern.
    ///
    /// - Throws: ``FailureRuleError`` with code `missingKeyword` when the text is shorter than
    ///   two characters.
    public init(literal: String, caseSensitive: Bool = false) throws(FailureRuleError) {
        guard literal.unicodeScalars.count >= 2 else {
            throw FailureRuleError(
                code: .missingKeyword,
                file: "<inline>",
                message: "literal `\(literal)` is too short to search for; use at least two characters"
            )
        }
        self.init(kind: .literal, text: literal, caseSensitive: caseSensitive, keywords: [literal.lowercased()], literalText: literal, regex: nil)
    }

    private init(
        kind: Kind,
        text: String,
        caseSensitive: Bool,
        keywords: [String],
        literalText: String?,
        regex: LineRegex?,
        requiredKeywords: [String] = [],
        anchoredPrefix: [UInt8]? = nil
    ) {
        self.kind = kind
        self.text = text
        self.caseSensitive = caseSensitive
        self.keywords = keywords
        self.literalText = literalText
        self.regex = regex
        self.requiredKeywords = requiredKeywords
        self.anchoredPrefix = anchoredPrefix
    }

    /// Whether matching needs the regex engine (false for literals and operator-free regexes).
    public var usesRegexEngine: Bool { regex != nil }

    /// `regex /…/` or `literal "…"`.
    public var description: String {
        kind == .regex ? "regex /\(text)/" : "literal \"\(text)\""
    }

    public static func == (lhs: FailurePattern, rhs: FailurePattern) -> Bool {
        lhs.kind == rhs.kind && lhs.text == rhs.text && lhs.caseSensitive == rhs.caseSensitive
            && lhs.keywords == rhs.keywords
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(text)
        hasher.combine(caseSensitive)
        hasher.combine(keywords)
    }
}

