#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Scans one buffer (a file, or the added lines of a commit) with compiled rules:
/// keyword automaton first, then regexes only on the lines that hold a keyword.
struct SecretBufferScanner: Sendable {
    let rules: [CompiledSecretRule]
    let automaton: KeywordAutomaton
    /// For each keyword id, the indices of the rules that use it.
    let keywordRules: [[Int32]]
    /// For each keyword id, its length in bytes.
    let keywordLengths: [Int]
    let options: SecretScanOptions
    let baselineFingerprints: Set<String>

    /// Markers that suppress findings on their own line.
    static let inlineIgnoreMarkers: [[UInt8]] = [
        Array("infinity:ignore".utf8), Array("gitleaks:allow".utf8), Array("pragma: allowlist secret".utf8),
    ]
    /// Markers that suppress findings on the next line.
    static let nextLineIgnoreMarkers: [[UInt8]] = [
        Array("infinity:ignore-next-line".utf8), Array("pragma: allowlist nextline secret".utf8),
    ]

    init(ruleSet: SecretRuleSet, options: SecretScanOptions) throws(SecretScanError) {
        var compiled: [CompiledSecretRule] = []
        for rule in ruleSet.enabledRules {
            try SecretRuleValidation.validate(rule)
            compiled.append(try CompiledSecretRule(rule: rule, globalAllowlist: ruleSet.allowlist, engine: options.regexEngine))
        }
        // Specific rules run before generic assignment rules, so the specific id wins.
        compiled.sort { ($0.rule.validator == .assignment ? 1 : 0) < ($1.rule.validator == .assignment ? 1 : 0) }
        var keywordIndex: [String: Int] = [:]
        var keywords: [String] = []
        var keywordRules: [[Int32]] = []
        for (ruleIndex, rule) in compiled.enumerated() {
            for keyword in Set(rule.rule.keywords) {
                let id: Int
                if let existing = keywordIndex[keyword] {
                    id = existing
                } else {
                    id = keywords.count
                    keywordIndex[keyword] = id
                    keywords.append(keyword)
                    keywordRules.append([])
                }
                keywordRules[id].append(Int32(ruleIndex))
            }
        }
        self.rules = compiled
        self.automaton = KeywordAutomaton(keywords: keywords)
        self.keywordRules = keywordRules
        self.keywordLengths = keywords.map(\.utf8.count)
        self.options = options
        self.baselineFingerprints = options.baseline?.fingerprints ?? []
    }

    /// What scanning one buffer produced.
    struct Result {
        var findings: [SecretFinding] = []
        var suppressedInline = 0
        var suppressedByBaseline = 0
    }

    /// A line that holds at least one keyword, with the keyword hits in it.
    struct CandidateLine {
        var start: Int
        var end: Int
        /// (offset one past the keyword's end, keyword id), at most `maxHitsPerKeyword` per keyword.
        var hits: [(end: Int, keyword: Int32)]
    }

    static let maxHitsPerKeyword = 512

    /// Scans `bytes`; `path` is the reported path, `lineNumber` maps a 1-based buffer line to
    /// the reported line (identity for files, diff positions for history).
    func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, commit: String? = nil,
        lineNumber: (Int) -> Int = { $0 }
    ) -> Result {
        var result = Result()
        let candidates = candidateLines(bytes)
        guard !candidates.isEmpty else { return result }
        let kind = SourceFileKind(path: path)
        let pathAllowed = rules.map { $0.isPathAllowed(path) }
        var counter = LineCounter()
        var lastReportedEnd = 0
        var ruleWindows = [[Range<Int>]](repeating: [], count: rules.count)
        var activeRules: [Int] = []
        for candidate in candidates {
            if result.findings.count >= options.maxFindingsPerFile { break }
            // Collect, per rule, the windows around its keyword hits.
            activeRules.removeAll(keepingCapacity: true)
            for hit in candidate.hits {
                for ruleIndex in keywordRules[Int(hit.keyword)] {
                    let index = Int(ruleIndex)
                    let keywordLength = keywordLengths[Int(hit.keyword)]
                    guard let window = window(
                        for: rules[index], hitEnd: hit.end, keywordLength: keywordLength, line: candidate, bytes: bytes)
                    else { continue }
                    if ruleWindows[index].isEmpty { activeRules.append(index) }
                    if rules[index].rule.validator == .assignment {
                        // Anchored windows, one per distinct name start.
                        if ruleWindows[index].last?.lowerBound != window.lowerBound { ruleWindows[index].append(window) }
                    } else if let last = ruleWindows[index].last, last.upperBound >= window.lowerBound,
                       last.lowerBound <= window.lowerBound,
                       max(last.upperBound, window.upperBound) - last.lowerBound <= options.maxRegexLineLength {
                        ruleWindows[index][ruleWindows[index].count - 1] =
                            last.lowerBound..<max(last.upperBound, window.upperBound)
                    } else if !ruleWindows[index].contains(where: { $0.lowerBound <= window.lowerBound && $0.upperBound >= window.upperBound }) {
                        ruleWindows[index].append(window)
                    }
                }
            }
            guard !activeRules.isEmpty else { continue }
            activeRules.sort()
            var lineFindings: [(rule: Int, range: Range<Int>, entropy: Double)] = []
            // Values an allowlisted specific rule matched; generic rules must not report them.
            var claimed: [Range<Int>] = []
            // Short lines are decoded once; long lines per window, with a little context on
            // the left so lookbehind sees the byte before the window.
            let lineLength = candidate.end - candidate.start
            let lineText = lineLength <= options.maxRegexLineLength
                ? LatinText(Array(bytes[candidate.start..<candidate.end])[...]) : nil
            for index in activeRules {
                let rule = rules[index]
                for window in ruleWindows[index] {
                    let text: LatinText
                    let base: Int
                    if let lineText {
                        text = lineText
                        base = candidate.start
                    } else {
                        base = max(candidate.start, window.lowerBound - 16)
                        text = LatinText(Array(bytes[base..<window.upperBound])[...])
                    }
                    let anchored = rule.rule.validator == .assignment
                    let range = (window.lowerBound - base)..<(window.upperBound - base)
                    for match in rule.matcher.matches(in: text, range: range, limit: anchored ? 1 : 16, anchored: anchored) {
                        guard let secretRange = validate(
                            rule: rule, match: match, base: base, line: candidate, bytes: bytes, kind: kind)
                        else { continue }
                        if pathAllowed[index] || rule.allowlist.allows(secret: Array(bytes[secretRange])) {
                            claimed.append(secretRange)
                            continue
                        }
                        if secretRange.lowerBound < lastReportedEnd
                            || lineFindings.contains(where: { $0.range.overlaps(secretRange) })
                            || claimed.contains(where: { $0.overlaps(secretRange) }) {
                            continue
                        }
                        let secret = Array(bytes[secretRange])
                        lineFindings.append((index, secretRange, SecretRedaction.shannonEntropy(secret)))
                    }
                }
                ruleWindows[index].removeAll(keepingCapacity: true)
            }
            guard !lineFindings.isEmpty else { continue }
            let ignored = options.honourInlineIgnores && isIgnored(candidate, bytes: bytes)
            for finding in lineFindings.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                lastReportedEnd = max(lastReportedEnd, finding.range.upperBound)
                if ignored {
                    result.suppressedInline += 1
                    continue
                }
                let rule = rules[finding.rule].rule
                let secret = Array(bytes[finding.range])
                let line = counter.line(of: candidate.start, in: bytes)
                let made = SecretFinding(
                    ruleID: rule.id, description: rule.description, severity: rule.severity, file: path,
                    line: lineNumber(line), column: finding.range.lowerBound - candidate.start + 1,
                    redacted: SecretRedaction.redact(String(decoding: secret, as: UTF8.self)),
                    entropy: (finding.entropy * 1000).rounded() / 1000,
                    fingerprint: SecretRedaction.fingerprint(ruleID: rule.id, file: path, secret: secret),
                    commit: commit)
                if baselineFingerprints.contains(made.fingerprint) {
                    result.suppressedByBaseline += 1
                    continue
                }
                result.findings.append(made)
            }
        }
        return result
    }

    /// Runs the keyword automaton and groups hits by line, keeping at most
    /// `maxHitsPerKeyword` hits of each keyword per line so a hostile line stays bounded
    /// while a rare keyword late in the line is still seen.
    private func candidateLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [CandidateLine] {
        var lines: [CandidateLine] = []
        var current: CandidateLine?
        var perKeyword = [UInt16](repeating: 0, count: keywordRules.count)
        var touched: [Int32] = []
        let count = bytes.count
        let cap = UInt16(Self.maxHitsPerKeyword)
        automaton.scan(bytes) { end, keywordIDs in
            var line: CandidateLine
            if let existing = current, end <= existing.end {
                line = existing
                current = nil  // keep the hits array uniquely referenced while appending
            } else {
                if let finished = current { lines.append(finished) }
                for id in touched { perKeyword[Int(id)] = 0 }
                touched.removeAll(keepingCapacity: true)
                let position = end - 1
                var start = position
                let floor = lines.last?.end ?? 0
                while start > floor, bytes[start - 1] != 10 { start -= 1 }
                var lineEnd = count
                if let base = bytes.baseAddress, let found = memchr(base + position, 10, count - position) {
                    lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                line = CandidateLine(start: start, end: lineEnd, hits: [])
            }
            for id in keywordIDs {
                let seen = perKeyword[Int(id)]
                guard seen < cap else { continue }
                if seen == 0 { touched.append(id) }
                perKeyword[Int(id)] = seen + 1
                line.hits.append((end, id))
            }
            current = line
        }
        if let line = current { lines.append(line) }
        return lines
    }

    /// The byte range a rule's regex runs on for one keyword hit.
    ///
    /// Assignment rules get the identifier around the keyword plus room for the operator;
    /// other rules get the whole line, or for lines over the cap a window around the hit.
    private func window(
        for rule: CompiledSecretRule, hitEnd: Int, keywordLength: Int, line: CandidateLine,
        bytes: UnsafeBufferPointer<UInt8>
    ) -> Range<Int>? {
        if rule.rule.validator == .assignment {
            guard Self.operatorFollowsName(at: hitEnd, lineEnd: line.end, bytes: bytes) else { return nil }
            var start = hitEnd - keywordLength
            let floor = max(line.start, start - 48)
            while start > floor, Self.isNameByte(bytes[start - 1]) { start -= 1 }
            if start == floor, start > line.start, Self.isNameByte(bytes[start - 1]) { return nil }
            return start..<min(line.end, hitEnd + 48)
        }
        if line.end - line.start <= options.maxRegexLineLength { return line.start..<line.end }
        let lower = max(line.start, hitEnd - keywordLength - 512)
        return lower..<min(line.end, hitEnd + 2048, lower + options.maxRegexLineLength)
    }

    /// Cheap check before an assignment regex: after the keyword, the rest of the name, at
    /// most three closing quotes or brackets and four spaces, then an operator character.
    static func operatorFollowsName(at start: Int, lineEnd: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = start
        let nameLimit = min(lineEnd, start + 40)
        while index < nameLimit, isNameByte(bytes[index]) { index += 1 }
        var skipped = 0
        while index < lineEnd, skipped < 3 {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
                || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: "!") else { break }
            index += 1
            skipped += 1
        }
        var spaces = 0
        while index < lineEnd, spaces < 5, bytes[index] == 32 || bytes[index] == 9 {
            index += 1
            spaces += 1
        }
        guard index < lineEnd else { return false }
        switch bytes[index] {
        case UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "-"):
            return true
        case UInt8(ascii: "("):
            // A call only counts with a string literal argument: `setPassword("…")`.
            index += 1
            while index < lineEnd, bytes[index] == 32 { index += 1 }
            return index < lineEnd && SecretAssignmentJudge.isQuote(bytes[index])
        default:
            return false
        }
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        SecretValueHeuristics.isIdentifierByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "@")
    }
}
