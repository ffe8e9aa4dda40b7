/// The syntax tree of a rule regex, and its parser.
///
/// Supported: literals (any Unicode), escapes of punctuation, `.`, classes `[…]` with ranges,
/// negation and `\d \w \s \h` (and their negations) inside, shorthands `\d \D \w \W \s \S \h \H`,
/// `\t \n \r \f \e \a \xhh \x{…} \uhhhh \Q…\E`, anchors `^ $ \b \B \A \z \Z`, groups
/// `(…)`, `(?:…)`, `(?<name>…)`, comments `(?#…)`, a leading `(?i)`, alternation and the
/// quantifiers `* + ? {n} {n,} {n,m}` (lazy `?` suffix accepted). Refused with a message:
/// lookarounds, backreferences, possessive quantifiers, atomic groups, inline flags other
/// than a leading `(?i)`, Unicode properties and set operations. `\w`, `\d`, `\s` and `\b`
/// are ASCII-only; case-insensitive matching folds ASCII letters only.
struct RegexNode: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// One literal character.
        case char(Unicode.Scalar)
        /// One character from a set (also `.` and the shorthands).
        case set(RegexCharacterSet)
        /// A zero-width assertion.
        case anchor(RegexAnchor)
        /// A group of alternatives.
        indirect case group([[RegexNode]])
    }

    var kind: Kind
    var min = 1
    /// `nil` means unbounded.
    var max: Int? = 1

    /// Whether the node may match more than once.
    var repeats: Bool { max == nil || (max ?? 1) > 1 }
}

/// Zero-width assertions.
enum RegexAnchor: Equatable, Sendable {
    case start, end, wordBoundary, notWordBoundary
}

/// Parses a rule regex into ``RegexNode``s.
struct RegexParser {
    /// The parse result: top-level alternatives and whether a leading `(?i)` was present.
    struct Result {
        var alternatives: [[RegexNode]]
        var caseInsensitive: Bool
    }

    enum Failure: Error, Equatable {
        case malformed(String)
        case unsupported(String)
        case backreference
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    static func parse(_ pattern: String) throws(Failure) -> Result {
        var parser = RegexParser(pattern)
        var caseInsensitive = false
        if parser.consume("(?i)") { caseInsensitive = true }
        let alternatives = try parser.parseAlternatives(depth: 0)
        if parser.index < parser.scalars.count {
            throw .malformed("unbalanced ')' at offset \(parser.index)")
        }
        return Result(alternatives: alternatives, caseInsensitive: caseInsensitive)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func consume(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        guard index + wanted.count <= scalars.count, Array(scalars[index..<index + wanted.count]) == wanted else { return false }
        index += wanted.count
        return true
    }

    private mutating func parseAlternatives(depth: Int) throws(Failure) -> [[RegexNode]] {
        guard depth < 32 else { throw .malformed("groups are nested too deeply") }
        var alternatives: [[RegexNode]] = []
        var sequence: [RegexNode] = []
        while let scalar = current {
            switch scalar {
            case "|":
                index += 1
                alternatives.append(sequence)
                sequence = []
            case ")":
                guard depth > 0 else { throw .malformed("unbalanced ')' at offset \(index)") }
                alternatives.append(sequence)
                return alternatives
            case "*", "+", "?":
                throw .malformed("quantifier '\(scalar)' at offset \(index) has nothing to repeat")
            default:
                let atoms = try parseAtom(depth: depth)
                for (position, atom) in atoms.enumerated() {
                    var node = atom
                    if position == atoms.count - 1 { try parseQuantifier(into: &node) }
                    sequence.append(node)
                }
            }
        }
        guard depth == 0 else { throw .malformed("missing ')'") }
        alternatives.append(sequence)
        return alternatives
    }

    /// One atom; `\Q…\E` yields several and a comment yields none.
    private mutating func parseAtom(depth: Int) throws(Failure) -> [RegexNode] {
        guard let scalar = current else { return [] }
        switch scalar {
        case "(":
            return try parseGroup(depth: depth)
        case "[":
            return [RegexNode(kind: .set(try parseClass()))]
        case ".":
            index += 1
            return [RegexNode(kind: .set(.any))]
        case "^":
            index += 1
            return [RegexNode(kind: .anchor(.start))]
        case "$":
            index += 1
            return [RegexNode(kind: .anchor(.end))]
        case "\\":
            return try parseEscape()
        default:
            index += 1
            return [RegexNode(kind: .char(scalar))]
        }
    }

    private mutating func parseGroup(depth: Int) throws(Failure) -> [RegexNode] {
        index += 1  // (
        if current == "?" {
            switch peek(1) {
            case ":":
                index += 2
            case "#":
                while let scalar = current, scalar != ")" { index += 1 }
                guard current == ")" else { throw .malformed("unterminated comment group") }
                index += 1
                return []
            case "<":
                if peek(2) == "=" || peek(2) == "!" { throw .unsupported("lookbehind assertions") }
                index += 2
                while let scalar = current, scalar != ">" { index += 1 }
                guard current == ">" else { throw .malformed("unterminated group name") }
                index += 1
            case "=", "!":
                throw .unsupported("lookahead assertions")
            case ">":
                throw .unsupported("atomic groups")
            default:
                throw .unsupported("inline flags other than a leading (?i) (use the rule's case_sensitive setting)")
            }
        }
        let alternatives = try parseAlternatives(depth: depth + 1)
        guard current == ")" else { throw .malformed("missing ')'") }
        index += 1
        return [RegexNode(kind: .group(alternatives))]
    }

    private mutating func parseClass() throws(Failure) -> RegexCharacterSet {
        let start = index
        index += 1  // [
        var set = RegexCharacterSet()
        if current == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while let scalar = current {
            if scalar == "]" && !first {
                index += 1
                return set
            }
            first = false
            if scalar == "[" { throw .unsupported("nested character classes and set operations") }
            if scalar == "&" && peek(1) == "&" { throw .unsupported("character class set operations") }
            var lowerScalar: Unicode.Scalar
            if scalar == "\\" {
                index += 1
                guard let escaped = current else { break }
                if let shorthand = try classShorthand(escaped) {
                    index += 1
                    if shorthand.negated {
                        throw .unsupported("negated shorthands (\\D, \\S, \\W, \\H) inside a class; write the class negated instead")
                    }
                    set.formUnion(shorthand)
                    continue
                }
                lowerScalar = try escapedScalar()
            } else {
                index += 1
                lowerScalar = scalar
            }
            if current == "-", let next = peek(1), next != "]" {
                index += 1
                var upperScalar: Unicode.Scalar
                if next == "\\" {
                    index += 1
                    guard current != nil else { break }
                    upperScalar = try escapedScalar()
                } else {
                    index += 1
                    upperScalar = next
                }
                guard lowerScalar.value <= upperScalar.value else {
                    throw .malformed("range \(lowerScalar)-\(upperScalar) is out of order")
                }
                set.insert(lowerScalar.value...upperScalar.value)
            } else {
                set.insert(lowerScalar.value...lowerScalar.value)
            }
        }
        index = start
        throw .malformed("missing ']'")
    }

    /// `\d \w \s \h` and negations as sets; nil for other escapes.
    private func classShorthand(_ scalar: Unicode.Scalar) throws(Failure) -> RegexCharacterSet? {
        var set: RegexCharacterSet
        switch scalar {
        case "d", "D": set = .digits
        case "w", "W": set = .word
        case "s", "S": set = .space
        case "h", "H": set = .horizontalSpace
        case "p", "P": throw .unsupported("Unicode properties (\\p{…})")
        default: return nil
        }
        if scalar.properties.isUppercase { set.negated = true }
        return set
    }

    /// The scalar of an escape at `index` (just after the backslash); advances past it.
    private mutating func escapedScalar() throws(Failure) -> Unicode.Scalar {
        guard let scalar = current else { throw .malformed("trailing backslash") }
        index += 1
        switch scalar {
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "a": return "\u{07}"
        case "x":
            if current == "{" {
                index += 1
                var hex = ""
                while let digit = current, digit != "}" { hex.unicodeScalars.append(digit); index += 1 }
                guard current == "}" else { throw .malformed("unterminated \\x{…}") }
                index += 1
                return try scalarFromHex(hex)
            }
            return try fixedHex(2)
        case "u":
            return try fixedHex(4)
        default:
            if ("0"..."9").contains(scalar) { throw .backreference }
            if scalar.properties.isAlphabetic {
                throw .unsupported("the escape \\\(scalar)")
            }
            return scalar
        }
    }

    private mutating func fixedHex(_ count: Int) throws(Failure) -> Unicode.Scalar {
        guard index + count <= scalars.count else { throw .malformed("short hexadecimal escape") }
        var hex = ""
        for offset in 0..<count { hex.unicodeScalars.append(scalars[index + offset]) }
        index += count
        return try scalarFromHex(hex)
    }

    private func scalarFromHex(_ hex: String) throws(Failure) -> Unicode.Scalar {
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw .malformed("invalid hexadecimal escape '\(hex)'")
        }
        return scalar
    }

    private mutating func parseEscape() throws(Failure) -> [RegexNode] {
        index += 1  // backslash
        guard let scalar = current else { throw .malformed("trailing backslash") }
        if let set = try classShorthand(scalar) {
            index += 1
            return [RegexNode(kind: .set(set))]
        }
        switch scalar {
        case "b": index += 1; return [RegexNode(kind: .anchor(.wordBoundary))]
        case "B": index += 1; return [RegexNode(kind: .anchor(.notWordBoundary))]
        case "A": index += 1; return [RegexNode(kind: .anchor(.start))]
        case "z", "Z": index += 1; return [RegexNode(kind: .anchor(.end))]
        case "k": throw .backreference
        case "Q":
            index += 1
            var nodes: [RegexNode] = []
            while let next = current {
                if next == "\\", peek(1) == "E" {
                    index += 2
                    return nodes
                }
                nodes.append(RegexNode(kind: .char(next)))
                index += 1
            }
            return nodes
        default:
            return [RegexNode(kind: .char(try escapedScalar()))]
        }
    }

    private mutating func parseQuantifier(into node: inout RegexNode) throws(Failure) {
        guard let scalar = current else { return }
        var bounds: (Int, Int?)?
        switch scalar {
        case "*": bounds = (0, nil); index += 1
        case "+": bounds = (1, nil); index += 1
        case "?": bounds = (0, 1); index += 1
        case "{":
            var cursor = index + 1
            var lower = 0
            var digits = 0
            while cursor < scalars.count, let digit = Int(String(scalars[cursor])), ("0"..."9").contains(scalars[cursor]) {
                lower = min(lower * 10 + digit, 100_000)
                digits += 1
                cursor += 1
            }
            guard digits > 0 else { return }  // a literal '{'
            var upper: Int? = lower
            if cursor < scalars.count, scalars[cursor] == "," {
                cursor += 1
                var value = 0
                var upperDigits = 0
                while cursor < scalars.count, let digit = Int(String(scalars[cursor])), ("0"..."9").contains(scalars[cursor]) {
                    value = min(value * 10 + digit, 100_000)
                    upperDigits += 1
                    cursor += 1
                }
                upper = upperDigits == 0 ? nil : value
            }
            guard cursor < scalars.count, scalars[cursor] == "}" else {
                throw .malformed("unterminated {…} quantifier at offset \(index)")
            }
            if let upper, upper < lower { throw .malformed("quantifier {\(lower),\(upper)} is out of order") }
            index = cursor + 1
            bounds = (lower, upper)
        default:
            break
        }
        guard let (lower, upper) = bounds else { return }
        if current == "+" { throw .unsupported("possessive quantifiers") }
        if current == "?" { index += 1 }  // lazy: the same for a yes/no match
        if case .anchor = node.kind { throw .malformed("a quantifier cannot follow an anchor") }
        if node.min != 1 || node.max != 1 {
            throw .malformed("a quantifier follows another quantifier")
        }
        if current == "*" || current == "+" || current == "?" || (current == "{" && peek(1).map { ("0"..."9").contains($0) } == true) {
            throw .malformed("a quantifier follows another quantifier")
        }
        node.min = lower
        node.max = upper
    }
}
