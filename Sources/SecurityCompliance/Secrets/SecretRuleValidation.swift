import Foundation

/// Checks a rule before it is used: the regex compiles, names a valid secret group, and has
/// no nested quantifiers that could backtrack catastrophically.
enum SecretRuleValidation {
    static func validate(_ rule: SecretRule) throws(SecretScanError) {
        let origin = rule.origin
        func fail(_ code: SecretScanError.Code, _ message: String, _ underlying: String? = nil) -> SecretScanError {
            SecretScanError(
                code: code, message: message, ruleID: rule.id, file: origin?.file, line: origin?.line,
                underlying: underlying)
        }
        if rule.keywords.isEmpty || rule.keywords.contains(where: \.isEmpty) {
            throw fail(.invalidRule, "`keywords` must list at least one non-empty keyword")
        }
        let groups: Int
        do {
            groups = try NSRegularExpression(pattern: rule.regex).numberOfCaptureGroups
        } catch {
            throw fail(.invalidRegex, "`regex` does not compile; fix the pattern", String(describing: error))
        }
        if let problem = NestedQuantifierCheck.problem(in: rule.regex) {
            throw fail(
                .unsafeRegex,
                "`regex` has a nested quantifier (\(problem)) that can backtrack catastrophically; "
                    + "rewrite it without repeating a group that itself repeats")
        }
        if rule.secretGroup < 0 || rule.secretGroup > groups {
            throw fail(
                .invalidRule,
                "`secret_group` is \(rule.secretGroup) but the regex has \(groups) capture group(s)")
        }
        for pattern in rule.allowlist.regexes {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                throw fail(.invalidRegex, "allowlist regex does not compile; fix it", String(describing: error))
            }
        }
    }
}

/// Finds a group that repeats (`*`, `+`, `{n,}`, `{n,m}` with m > 1) while containing a
/// repeating element, e.g. `(a+)+` or `(?:\w*\s)*`.
enum NestedQuantifierCheck {
    /// A short description of the first nested quantifier, or `nil` when there is none.
    static func problem(in pattern: String) -> String? {
        let chars = Array(pattern.unicodeScalars)
        var stack: [(start: Int, repeats: Bool)] = []
        var index = 0
        var inClass = false
        while index < chars.count {
            let c = chars[index]
            if c == "\\" {
                index += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                index += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                if index + 1 < chars.count, chars[index + 1] == "]" { index += 1 }
                if index + 1 < chars.count, chars[index + 1] == "^" { index += 1 }
            case "(":
                stack.append((index, false))
            case ")":
                if let group = stack.popLast() {
                    let (isRepeat, length) = quantifier(chars, at: index + 1)
                    if isRepeat {
                        if group.repeats {
                            let end = min(chars.count, index + 1 + length)
                            return String(String.UnicodeScalarView(chars[group.start..<end]))
                        }
                        if !stack.isEmpty { stack[stack.count - 1].repeats = true }
                    } else if group.repeats, !stack.isEmpty {
                        stack[stack.count - 1].repeats = true
                    }
                    index += 1 + length
                    continue
                }
            default:
                let (isRepeat, length) = quantifier(chars, at: index)
                if isRepeat, length > 0 {
                    if !stack.isEmpty { stack[stack.count - 1].repeats = true }
                    index += length
                    continue
                }
            }
            index += 1
        }
        return nil
    }

    /// Whether a repeating quantifier starts at `index`, and its length (including a lazy
    /// or possessive suffix). `?` and `{n}` / `{0,1}` do not repeat.
    private static func quantifier(_ chars: [Unicode.Scalar], at index: Int) -> (Bool, Int) {
        guard index < chars.count else { return (false, 0) }
        var length = 0
        var repeats = false
        switch chars[index] {
        case "*", "+":
            repeats = true
            length = 1
        case "?":
            length = 1
        case "{":
            var end = index + 1
            var body = ""
            while end < chars.count, chars[end] != "}", end - index < 16 {
                body.unicodeScalars.append(chars[end])
                end += 1
            }
            guard end < chars.count, chars[end] == "}" else { return (false, 0) }
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ $0.isEmpty || Int($0) != nil }), !body.isEmpty else { return (false, 0) }
            if parts.count == 2 {
                let upper = parts[1].isEmpty ? Int.max : Int(parts[1]) ?? Int.max
                repeats = upper > 1
            } else {
                repeats = false
            }
            length = end - index + 1
        default:
            return (false, 0)
        }
        if index + length < chars.count, chars[index + length] == "?" || chars[index + length] == "+" {
            length += 1
        }
        return (repeats, length)
    }
}
