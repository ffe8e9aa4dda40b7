import Foundation

/// A rule ready to run: its matcher and compiled allowlist. A class, so the hot loop
/// passes one reference instead of copying the fields.
final class CompiledSecretRule: Sendable {
    let rule: SecretRule
    let matcher: any SecretPatternMatcher
    let allowlist: CompiledAllowlist

    init(rule: SecretRule, globalAllowlist: SecretAllowlist, engine: SecretRegexEngine) throws(SecretScanError) {
        self.rule = rule
        do {
            switch engine {
            case .foundation:
                matcher = try FoundationPatternMatcher(pattern: rule.regex, group: rule.secretGroup)
            case .swiftRegex:
                matcher = try SwiftPatternMatcher(pattern: rule.regex, group: rule.secretGroup)
            }
        } catch {
            throw SecretScanError(
                code: .invalidRegex,
                message: "`regex` does not compile with the \(engine.rawValue) engine; fix the pattern",
                ruleID: rule.id, file: rule.origin?.file, line: rule.origin?.line,
                underlying: String(describing: error))
        }
        allowlist = try CompiledAllowlist(rule.allowlist.merged(with: globalAllowlist), ruleID: rule.id)
    }

    /// Whether the rule's own path allowlist excludes `path`.
    func isPathAllowed(_ path: String) -> Bool {
        allowlist.paths.contains { $0.matches(path) }
    }
}

/// An allowlist with its globs and regexes compiled.
struct CompiledAllowlist: Sendable {
    let paths: [GlobPattern]
    let regexes: [FoundationPatternMatcher]
    let stopwords: [[UInt8]]

    init(_ allowlist: SecretAllowlist, ruleID: String?) throws(SecretScanError) {
        paths = allowlist.paths.map(GlobPattern.init)
        var compiled: [FoundationPatternMatcher] = []
        for pattern in allowlist.regexes {
            do {
                compiled.append(try FoundationPatternMatcher(pattern: pattern, group: 0))
            } catch {
                throw SecretScanError(
                    code: .invalidRegex, message: "allowlist regex does not compile; fix it", ruleID: ruleID,
                    underlying: String(describing: error))
            }
        }
        regexes = compiled
        stopwords = allowlist.stopwords.map { Array($0.lowercased().utf8) }
    }

    /// Whether the candidate secret is allowed (not to be reported).
    func allows(secret: [UInt8]) -> Bool {
        if !stopwords.isEmpty {
            let lower = secret.map(SecretValueHeuristics.asciiLower)
            for word in stopwords where !word.isEmpty && lower.containsSubsequence(word) { return true }
        }
        if !regexes.isEmpty {
            let text = LatinText(secret[...])
            for regex in regexes where !regex.matches(in: text, limit: 1).isEmpty { return true }
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run.
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        let last = count - needle.count
        while index <= last {
            if self[index] == first {
                var matched = true
                for offset in 1..<needle.count where self[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
