import Foundation

/// A shell-style name pattern: `*` any run of characters, `?` one character,
/// `[abc]` / `[a-z]` / `[!a-z]` a character class. Matching is on whole names.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.scalars = Array(pattern.unicodeScalars)
    }

    public var description: String { pattern }

    /// Whether `name` matches the whole pattern.
    public func matches(_ name: String) -> Bool {
        let text = Array(name.unicodeScalars)
        // Iterative matcher with single-star backtracking: linear in practice, never exponential.
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < scalars.count {
                let c = scalars[p]
                if c == "*" {
                    starP = p; starT = t; p += 1; continue
                }
                if c == "?" { p += 1; t += 1; continue }
                if c == "[", let (matched, next) = matchClass(at: p, text[t]) {
                    if matched { p = next; t += 1; continue }
                } else if c == text[t] {
                    p += 1; t += 1; continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1; starT += 1; t = starT
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }

    /// Matches a `[...]` class starting at `start`; nil when the bracket is not closed
    /// (then `[` is a literal).
    private func matchClass(at start: Int, _ ch: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < scalars.count, scalars[i] == "!" || scalars[i] == "^" { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < scalars.count {
            let c = scalars[i]
            if c == "]" && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < scalars.count, scalars[i + 1] == "-", scalars[i + 2] != "]" {
                if c.value <= ch.value && ch.value <= scalars[i + 2].value { matched = true }
                i += 3
            } else {
                if c == ch { matched = true }
                i += 1
            }
        }
        return nil
    }
}
