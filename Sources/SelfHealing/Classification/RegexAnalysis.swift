/// Static checks on rule regexes before they are compiled.
///
/// Two jobs: refuse constructs that backtracking engines handle catastrophically (nested
/// quantifiers such as `(a+)+`, alternation inside a repeated group such as `(a|aa)*`,
/// backreferences) — the rule engine's own matcher is linear-time, but rules must stay
/// portable and reviewable — and derive the literal keywords a line must contain for the
/// pattern to match, so that the regex only ever runs on lines that contain them.
struct RegexAnalysis: Sendable, Equatable {
    /// Keywords (lower-cased) such that every match contains at least one of them;
    /// empty when none of at least ``minimumKeywordLength`` characters could be derived.
    var keywords: [String]
    /// The pattern's text when it is a plain string with no regex operators (after unescaping).
    var literal: String?
    /// For a pattern without top-level alternatives: every literal run (lower-cased, at least
    /// ``minimumKeywordLength`` long) that a match must contain; a line is only tried when it
    /// contains all of them.
    var requiredKeywords: [String] = []
    /// The literal text a match must start with when the pattern begins with `^` (as written).
    var anchoredPrefix: String?

    /// The shortest derived keyword that is useful as a pre-filter.
    static let minimumKeywordLength = 3

    /// Why a pattern was refused.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case nestedQuantifier
        case alternationInRepetition
        case backreference
        case unsupported(String)
        case malformed(String)

        var description: String {
            switch self {
            case .nestedQuantifier:
                return "a repeated group contains another repetition (like `(a+)+`), which backtracking engines handle catastrophically; rewrite it without the nested quantifier"
            case .alternationInRepetition:
                return "a repeated group contains alternatives (like `(a|ab)*`), which backtracking engines handle catastrophically; use a character class or split the rule"
            case .backreference:
                return "backreferences are not supported in rule patterns; match the text without them"
            case .unsupported(let feature):
                return "the pattern uses \(feature), which rule patterns do not support"
            case .malformed(let detail):
                return "the pattern is malformed: \(detail)"
            }
        }

        /// Whether the pattern is simply invalid (as opposed to refused for safety or support).
        var isMalformed: Bool {
            switch self {
            case .malformed, .unsupported: return true
            default: return false
            }
        }
    }

    /// Analyses a pattern, throwing when it is invalid or unsafe.
    static func analyze(_ pattern: String) throws(Problem) -> RegexAnalysis {
        let parsed = try parse(pattern)
        return try analyze(parsed)
    }

    static func parse(_ pattern: String) throws(Problem) -> RegexParser.Result {
        do {
            return try RegexParser.parse(pattern)
        } catch {
            switch error {
            case .malformed(let detail): throw .malformed(detail)
            case .unsupported(let feature): throw .unsupported(feature)
            case .backreference: throw .backreference
            }
        }
    }

    static func analyze(_ parsed: RegexParser.Result) throws(Problem) -> RegexAnalysis {
        let alternatives = parsed.alternatives
        let root = RegexNode(kind: .group(alternatives))
        try checkSafety(root)
        var keywords: [String] = []
        var complete = true
        for alternative in alternatives {
            let runs = literalRuns(alternative)
            guard let best = runs.max(by: { $0.count < $1.count }), best.count >= minimumKeywordLength else {
                complete = false
                break
            }
            keywords.append(String(String.UnicodeScalarView(best)).lowercased())
        }
        var literal: String?
        if alternatives.count == 1, let only = alternatives.first, !only.isEmpty, only.allSatisfy(Self.isPlainChar) {
            literal = String(String.UnicodeScalarView(only.compactMap { node -> Unicode.Scalar? in
                if case .char(let scalar) = node.kind { return scalar } else { return nil }
            }))
        }
        var analysis = RegexAnalysis(keywords: complete ? Array(Set(keywords)).sorted() : [], literal: literal)
        if alternatives.count == 1, let only = alternatives.first {
            let runs = literalRuns(only).filter { $0.count >= minimumKeywordLength }
            analysis.requiredKeywords = Array(Set(runs.map { String(String.UnicodeScalarView($0)).lowercased() })).sorted()
            if let first = only.first, first.kind == .anchor(.start), only.count > 1 {
                var prefix = String.UnicodeScalarView()
                for node in only.dropFirst() {
                    guard case .char(let scalar) = node.kind, node.min >= 1 else { break }
                    prefix.append(scalar)
                    if node.max != 1 { break }
                }
                if !prefix.isEmpty { analysis.anchoredPrefix = String(prefix) }
            }
        }
        return analysis
    }

    private static func isPlainChar(_ node: RegexNode) -> Bool {
        if case .char = node.kind { return node.min == 1 && node.max == 1 }
        return false
    }

    // MARK: - Checks

    private static func checkSafety(_ node: RegexNode) throws(Problem) {
        guard case .group(let alternatives) = node.kind else { return }
        let repeated = node.repeats
        if repeated && alternatives.count > 1 {
            throw .alternationInRepetition
        }
        for alternative in alternatives {
            for child in alternative {
                if repeated && child.repeats {
                    throw .nestedQuantifier
                }
                if repeated, case .group = child.kind {
                    if containsRepetition(child) { throw .nestedQuantifier }
                    if containsAlternation(child) { throw .alternationInRepetition }
                }
                try checkSafety(child)
            }
        }
    }

    private static func containsRepetition(_ node: RegexNode) -> Bool {
        if node.repeats { return true }
        guard case .group(let alternatives) = node.kind else { return false }
        return alternatives.contains { $0.contains(where: containsRepetition) }
    }

    private static func containsAlternation(_ node: RegexNode) -> Bool {
        guard case .group(let alternatives) = node.kind else { return false }
        if alternatives.count > 1 { return true }
        return alternatives.contains { $0.contains(where: containsAlternation) }
    }

    /// The runs of literal characters that every match of `sequence` must contain.
    private static func literalRuns(_ sequence: [RegexNode]) -> [[Unicode.Scalar]] {
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        func flush() {
            if !run.isEmpty { runs.append(run) }
            run = []
        }
        for node in sequence {
            switch node.kind {
            case .char(let scalar):
                if node.min == 0 {
                    flush()
                } else if node.min == 1 && node.max == 1 {
                    run.append(scalar)
                } else {
                    run.append(scalar)
                    flush()
                }
            case .group(let alternatives) where alternatives.count == 1 && node.min == 1 && node.max == 1:
                // A plain group: its literal text continues the surrounding run.
                let inner = alternatives[0]
                if inner.allSatisfy(isPlainChar) {
                    for child in inner {
                        if case .char(let scalar) = child.kind { run.append(scalar) }
                    }
                } else {
                    flush()
                    runs.append(contentsOf: literalRuns(inner))
                }
            case .anchor:
                continue
            default:
                flush()
            }
        }
        flush()
        return runs
    }
}
