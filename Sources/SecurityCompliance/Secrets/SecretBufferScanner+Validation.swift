#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension SecretBufferScanner {
    /// Applies the rule's checks; returns the absolute secret range when it is reported.
    func validate(
        rule compiled: CompiledSecretRule, match: PatternMatch, base: Int, line: CandidateLine,
        bytes: UnsafeBufferPointer<UInt8>, kind: SourceFileKind
    ) -> Range<Int>? {
        guard !match.whole.isEmpty else { return nil }
        let rule = compiled.rule
        let fixtures = options.ignoreTestFixtures
        var secretRange = (base + match.secret.lowerBound)..<(base + match.secret.upperBound)
        switch rule.validator {
        case .assignment:
            guard let value = SecretAssignmentJudge.readAssignedValue(
                in: bytes[line.start..<line.end], at: base + match.whole.upperBound)
            else { return nil }
            let nameRange = match.firstGroup.map { (base + $0.lowerBound)..<(base + $0.upperBound) }
                ?? secretRange
            let name = Array(bytes[nameRange])
            let valueBytes = Array(bytes[value.range])
            var lastOperator = base + match.whole.upperBound - 1
            while lastOperator > nameRange.upperBound, bytes[lastOperator] == 32 || bytes[lastOperator] == 9 {
                lastOperator -= 1
            }
            if kind == .code,
               SecretAssignmentJudge.isTernaryBranch(in: bytes[line.start..<line.end], nameStart: nameRange.lowerBound) {
                return nil
            }
            let callLike = bytes[lastOperator] == UInt8(ascii: "(") || bytes[lastOperator] == UInt8(ascii: ">")
            guard SecretAssignmentJudge.accepts(
                name: name, keywords: rule.keywords, value: valueBytes, quoted: value.quoted, kind: kind,
                fixtures: fixtures, requiresQuotes: callLike && kind == .code,
                call: bytes[lastOperator] == UInt8(ascii: "("))
            else { return nil }
            secretRange = value.range
        case .privateKey:
            let headerEnd = base + match.whole.upperBound
            let value = Array(bytes[secretRange])
            if value.starts(with: Array("LS0tLS1".utf8)) || value.starts(with: Array("MII".utf8)) {
                guard SecretFormatValidators.isBase64PrivateKey(value) else { return nil }
            } else {
                guard let body = SecretFormatValidators.privateKeyBody(in: bytes, headerEnd: headerEnd) else {
                    return nil
                }
                secretRange = body
            }
        case .jwt:
            guard SecretFormatValidators.isJWT(Array(bytes[secretRange])) else { return nil }
        case .basicAuth:
            guard SecretFormatValidators.isBasicCredential(Array(bytes[secretRange]), fixtures: fixtures) else {
                return nil
            }
        case .urlPassword:
            if secretRange.count >= 2, SecretAssignmentJudge.isQuote(bytes[secretRange.lowerBound]),
               bytes[secretRange.upperBound - 1] == bytes[secretRange.lowerBound] {
                secretRange = (secretRange.lowerBound + 1)..<(secretRange.upperBound - 1)
            }
            guard SecretFormatValidators.isURLPassword(Array(bytes[secretRange]), fixtures: fixtures) else {
                return nil
            }
        case .none:
            break
        }
        let secret = Array(bytes[secretRange])
        guard secret.count >= rule.minLength else { return nil }
        if let minimum = rule.minEntropy, SecretRedaction.shannonEntropy(secret) < minimum { return nil }
        if rule.validator != .privateKey, rule.validator != .assignment,
           SecretValueHeuristics.isPlaceholder(
               secret, fixtures: fixtures, structured: rule.validator == .none || rule.validator == .jwt) {
            return nil
        }
        return secretRange
    }

    func isIgnored(_ line: CandidateLine, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = Array(bytes[line.start..<line.end])
        if Self.inlineIgnoreMarkers.contains(where: { text.containsSubsequence($0) }) { return true }
        guard line.start > 0 else { return false }
        var previousStart = line.start - 1
        while previousStart > 0, bytes[previousStart - 1] != 10 { previousStart -= 1 }
        let previous = Array(bytes[previousStart..<(line.start - 1)])
        return Self.nextLineIgnoreMarkers.contains(where: { previous.containsSubsequence($0) })
    }
}

/// Counts lines incrementally as offsets increase.
struct LineCounter {
    private var offset = 0
    private var line = 1

    /// The 1-based line of `position`; positions must not decrease between calls.
    mutating func line(of position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return line }
        while offset < position {
            guard let found = memchr(base + offset, 10, position - offset) else {
                offset = position
                break
            }
            line += 1
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return line
    }
}
