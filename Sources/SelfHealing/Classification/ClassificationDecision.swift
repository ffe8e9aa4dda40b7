import Foundation

/// Turns what a scan collected into one verdict, layer by layer:
///
/// 1. step metadata (``ClassificationContext``): timeout flag, exit code 124 → `timeout`;
///    signal 9 or exit code 137 → `out_of_memory`;
/// 2. the knowledge base: the best-scoring rule (weight, discounted by distance from the end
///    of the log) decides;
/// 3. a fallback on the last error-looking lines → `compile_error`, `test_failure` or
///    `unknown`, with low confidence;
/// 4. history: a test failure on a commit that also passed, or a job whose outcomes keep
///    alternating, becomes `flaky_test`.
struct ClassificationDecision {
    let rules: [FailureRule]
    let hits: [RuleHits]
    let errorLines: [ErrorLookingLines.Entry]
    let lineCount: Int
    let byteCount: Int

    /// How many evidence lines a verdict quotes at most.
    static let evidenceLimit = 5
    /// Distance (in lines from the end) over which the position bonus fades.
    static let positionScale = 300.0
    /// Rules at least this heavy name a root cause and barely depend on their position.
    static let rootCauseWeight = 90

    func decide(file: String?, context: ClassificationContext) -> Classification {
        var verdict = metadataVerdict(context) ?? ruleVerdict() ?? fallbackVerdict()
        verdict.file = file
        if let flaky = historyVerdict(for: verdict, context: context) {
            verdict = flaky
            verdict.file = file
        }
        return verdict
    }

    // MARK: Layer 1 — step metadata

    private func metadataVerdict(_ context: ClassificationContext) -> Classification? {
        let category: FailureCategory
        let ruleID: String
        let remedy: String
        var confidence = 0.9
        if context.timedOut {
            category = .timeout
            ruleID = "context.timed-out"
            remedy = BuiltInRemedy.timeout
            confidence = 0.95
        } else if context.exitCode == 124 {
            category = .timeout
            ruleID = "context.exit-code-124"
            remedy = BuiltInRemedy.timeout
        } else if context.signal == 9 || context.exitCode == 137 {
            category = .outOfMemory
            ruleID = context.signal == 9 ? "context.signal-9" : "context.exit-code-137"
            remedy = BuiltInRemedy.outOfMemory
        } else {
            return nil
        }
        var evidence = evidence(for: category)
        if evidence.isEmpty {
            evidence = Array(errorLines.suffix(3).map(\.evidence))
        } else {
            confidence = min(0.99, confidence + 0.05)
        }
        return Classification(category: category, confidence: confidence, evidence: evidence, ruleID: ruleID, remedy: remedy)
    }

    // MARK: Layer 2 — rules

    /// A rule's score: its weight, discounted by up to 20 % the farther its last match is
    /// from the end of the log (errors near the end usually decide). Root-cause rules
    /// (weight ≥ ``rootCauseWeight``) are decisive wherever they appear and lose at most 5 %.
    private func score(_ index: Int) -> Double {
        let hit = hits[index]
        guard hit.count > 0 else { return 0 }
        let weight = rules[index].weight
        let distance = Double(max(0, lineCount - hit.lastLine))
        let discount = weight >= Self.rootCauseWeight ? 0.05 : 0.2
        let position = 1 - discount + discount * exp(-distance / Self.positionScale)
        return Double(weight) * position
    }

    private func ruleVerdict() -> Classification? {
        var best: (index: Int, score: Double)?
        var bestByCategory: [FailureCategory: Double] = [:]
        for index in rules.indices where hits[index].count > 0 {
            let value = score(index)
            let category = rules[index].category
            bestByCategory[category] = max(bestByCategory[category] ?? 0, value)
            if let current = best {
                // Ties go to the match nearer the end of the log.
                if value > current.score || (value == current.score && hits[index].lastLine > hits[current.index].lastLine) {
                    best = (index, value)
                }
            } else {
                best = (index, value)
            }
        }
        guard let best else { return nil }
        let rule = rules[best.index]
        let runnerUp = bestByCategory.filter { $0.key != rule.category }.map(\.value).max() ?? 0
        let margin = (best.score - runnerUp) / best.score
        let confidence = min(0.99, max(0.05, best.score / 100 * (0.7 + 0.3 * margin)))
        var lines = hits[best.index].evidence
        if lines.count < Self.evidenceLimit {
            lines = merge(lines, evidence(for: rule.category))
        }
        return Classification(
            category: rule.category,
            confidence: Self.rounded(confidence),
            evidence: Array(lines.suffix(Self.evidenceLimit)),
            ruleID: rule.id,
            remedy: rule.remedy
        )
    }

    /// Evidence from every rule of `category`, strongest rules first, in line order.
    private func evidence(for category: FailureCategory) -> [EvidenceLine] {
        let ranked = rules.indices
            .filter { rules[$0].category == category && hits[$0].count > 0 }
            .sorted { score($0) > score($1) }
        var lines: [EvidenceLine] = []
        for index in ranked {
            lines = merge(lines, hits[index].evidence)
            if lines.count >= Self.evidenceLimit { break }
        }
        return Array(lines.suffix(Self.evidenceLimit))
    }

    private func merge(_ first: [EvidenceLine], _ second: [EvidenceLine]) -> [EvidenceLine] {
        var seen = Set(first.map(\.line))
        var merged = first
        for line in second where !seen.contains(line.line) {
            seen.insert(line.line)
            merged.append(line)
            if merged.count >= Self.evidenceLimit { break }
        }
        return merged.sorted { $0.line < $1.line }
    }

    // MARK: Layer 3 — fallback

    private func fallbackVerdict() -> Classification {
        let specific = errorLines.filter { !$0.generic }.map(\.evidence)
        guard !specific.isEmpty else {
            let generic = errorLines.suffix(2).map(\.evidence)
            return Classification(
                category: .unknown,
                confidence: generic.isEmpty ? 0 : 0.05,
                evidence: generic,
                ruleID: generic.isEmpty ? nil : "fallback.no-error-lines",
                remedy: generic.isEmpty ? nil : BuiltInRemedy.unknown
            )
        }
        let last = Array(specific.suffix(3))
        if last.contains(where: { FallbackHeuristics.looksLikeCompiler($0.text) }) {
            return Classification(category: .compileError, confidence: 0.3, evidence: last, ruleID: "fallback.compiler-like-error", remedy: BuiltInRemedy.compileError)
        }
        if last.contains(where: { FallbackHeuristics.looksLikeTest($0.text) }) {
            return Classification(category: .testFailure, confidence: 0.35, evidence: last, ruleID: "fallback.test-like-error", remedy: BuiltInRemedy.testFailure)
        }
        return Classification(category: .unknown, confidence: 0.15, evidence: last, ruleID: "fallback.unrecognised-error", remedy: BuiltInRemedy.unknown)
    }

    // MARK: Layer 4 — history

    private func historyVerdict(for verdict: Classification, context: ClassificationContext) -> Classification? {
        guard verdict.category == .testFailure, !context.history.isEmpty else { return nil }
        let history = context.history
        var confidence: Double?
        var ruleID = ""
        if let sha = context.commitSHA, history.contains(where: { $0.commitSHA == sha && $0.result == .passed }) {
            confidence = 0.85
            ruleID = "history.same-commit-passed"
        } else if Self.shaWithBothOutcomes(history) {
            confidence = 0.75
            ruleID = "history.commit-failed-then-passed"
        } else if Self.alternations(in: history.suffix(10)) >= 3 {
            confidence = 0.65
            ruleID = "history.alternating-outcomes"
        }
        guard let confidence else { return nil }
        return Classification(
            category: .flakyTest,
            confidence: confidence,
            evidence: verdict.evidence,
            ruleID: ruleID,
            remedy: BuiltInRemedy.flakyTest
        )
    }

    private static func shaWithBothOutcomes(_ history: [PriorOutcome]) -> Bool {
        var outcomes: [String: Set<PriorOutcome.Result>] = [:]
        for entry in history {
            guard let sha = entry.commitSHA, !sha.isEmpty else { continue }
            outcomes[sha, default: []].insert(entry.result)
        }
        return outcomes.values.contains { $0.count == 2 }
    }

    private static func alternations(in history: ArraySlice<PriorOutcome>) -> Int {
        zip(history, history.dropFirst()).filter { $0.result != $1.result }.count
    }

    static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}

/// Remedies for verdicts that no rule decided.
enum BuiltInRemedy {
    static let timeout = "The step hit its time limit: look for a hung test or process in the last lines, cache dependencies and build outputs, or raise the job's timeout."
    static let outOfMemory = "A process was killed for lack of memory: lower build parallelism (e.g. CARGO_BUILD_JOBS, -j, --max-workers), reduce LTO/debug info, or use a runner with more memory."
    static let testFailure = "A test failed: open the quoted lines, reproduce the failing test locally and fix the code or the test."
    static let compileError = "The code does not compile: fix the error at the quoted location."
    static let flakyTest = "The same commit both passed and failed: the test is flaky. Retry the job now, then quarantine or fix the test (timing, ordering, shared state, network)."
    static let unknown = "No known cause was recognised: read the last lines of the log; add a rule to the rule file if this failure recurs."
}

/// Word tests for the fallback layer.
enum FallbackHeuristics {
    private static let testWords = ["test", "assert", "spec", "FAILED", "FAIL:", "--- FAIL", "panicked at"]
    private static let compilerWords = ["error[", "undefined reference", "cannot find symbol", "syntax error", "undeclared", "unresolved", "no such module", "compilation failed", "could not compile"]

    static func looksLikeTest(_ text: String) -> Bool {
        let lower = text.lowercased()
        return testWords.contains { word in
            word.first?.isUppercase == true || word.hasPrefix("-") ? text.contains(word) : lower.contains(word)
        }
    }

    static func looksLikeCompiler(_ text: String) -> Bool {
        let lower = text.lowercased()
        if compilerWords.contains(where: { lower.contains($0) }) { return true }
        // path/to/file.ext:12:5: error / file.ext(12,5): error
        return lower.range(of: #"\.[a-z0-9]{1,6}[:(]\d+([:,]\d+)?\)?:? *(fatal )?error"#, options: .regularExpression) != nil
    }
}
