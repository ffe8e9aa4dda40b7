/// The rule set compiled for scanning: one keyword automaton for all rules, and for each
/// keyword the patterns it gates; a few extra keywords drive the fallback's "error-looking"
/// line detection.
final class MatchingEngine: Sendable {
    /// One pattern of one rule, ready to verify against a line.
    struct PatternEntry: Sendable {
        let ruleIndex: Int
        /// Set for patterns that need no regex engine.
        let literal: [UInt8]?
        let caseSensitive: Bool
        let regex: LineRegex?
        /// How many distinct keywords must be seen in a line before the pattern is tried.
        let requiredCount: Int
        /// Bytes the line must start with, when the regex is anchored on a literal.
        let anchoredPrefix: [UInt8]?
    }

    /// What a fallback keyword says about a line, checked at the keyword's position.
    enum Marker: UInt8, Sendable {
        /// Not a fallback keyword.
        case none
        /// `error`: counts when capitalised (`Error`, `TypeError`) or at a word start.
        case errorWord
        /// `failed`, `fatal`, `panicked`, `panic:`: count at a word start.
        case wordStart
        /// `fail`: counts only as the upper-case word `FAIL`.
        case upperFail
        /// Counts wherever it occurs (`Traceback (most recent call last)`).
        case anywhere
        /// The CI's own "job failed with exit code N" lines, which name no cause.
        case generic
    }

    /// The enabled rules, in rule-set order.
    let rules: [FailureRule]
    let patterns: [PatternEntry]
    let automaton: KeywordAutomaton
    /// Keyword id → range in ``targets`` (pattern ids).
    let targetRanges: [Range<Int>]
    let targets: [Int]
    /// Keyword id → fallback marker.
    let markers: [Marker]
    /// Keyword id → its length in bytes.
    let keywordLengths: [Int]

    private static let markerKeywords: [(String, Marker)] = [
        ("error", .errorWord), ("failed", .wordStart), ("fatal", .wordStart), ("panicked", .wordStart),
        ("panic:", .wordStart), ("fail", .upperFail), ("traceback (most recent call last)", .anywhere),
        ("job failed: exit code", .generic), ("job failed: exit status", .generic),
        ("job failed: command terminated with exit code", .generic), ("process completed with exit code", .generic),
        ("exited with code", .generic), ("script returned exit code", .generic), ("returned a non-zero code", .generic),
        ("finished: failure", .generic), ("build step 'execute shell' marked build as failure", .generic),
        ("exited with status", .generic), ("error: process completed", .generic),
    ]

    init(rules ruleSet: FailureRuleSet) {
        let rules = ruleSet.enabledRules
        var patterns: [PatternEntry] = []
        var keywordIDs: [String: Int] = [:]
        var keywordList: [[UInt8]] = []
        var targetsByKeyword: [[Int]] = []
        var markers: [Marker] = []

        func keywordID(_ keyword: String) -> Int {
            if let id = keywordIDs[keyword] { return id }
            let id = keywordList.count
            keywordIDs[keyword] = id
            keywordList.append(Array(keyword.utf8))
            targetsByKeyword.append([])
            markers.append(.none)
            return id
        }

        for (ruleIndex, rule) in rules.enumerated() {
            for pattern in rule.patterns {
                let patternID = patterns.count
                let conjunctive = !pattern.requiredKeywords.isEmpty
                patterns.append(PatternEntry(
                    ruleIndex: ruleIndex,
                    literal: pattern.literalText.map { Array($0.utf8) },
                    caseSensitive: pattern.caseSensitive,
                    regex: pattern.regex,
                    requiredCount: conjunctive ? pattern.requiredKeywords.count : 1,
                    anchoredPrefix: pattern.anchoredPrefix
                ))
                for keyword in conjunctive ? pattern.requiredKeywords : pattern.keywords {
                    let id = keywordID(keyword)
                    if !targetsByKeyword[id].contains(patternID) { targetsByKeyword[id].append(patternID) }
                }
            }
        }
        for (keyword, marker) in Self.markerKeywords {
            markers[keywordID(keyword)] = marker
        }

        var ranges: [Range<Int>] = []
        var flat: [Int] = []
        for list in targetsByKeyword {
            let start = flat.count
            flat.append(contentsOf: list)
            ranges.append(start..<flat.count)
        }
        self.rules = rules
        self.patterns = patterns
        self.automaton = KeywordAutomaton(keywords: keywordList)
        self.targetRanges = ranges
        self.targets = flat
        self.markers = markers
        self.keywordLengths = keywordList.map(\.count)
    }
}
