/// A Maven version ordered by Maven's "Version Order Specification" (POM reference).
///
/// The version is split into tokens at `.`, at `-` and at every switch between digits and
/// letters (which counts as `-`); each token remembers its separator, and empty tokens
/// become `0`. Qualifiers ignore case; `cr` means `rc`; `ga`, `final` and `release` mean
/// `""`; `a`, `b`, `m` directly followed by a digit mean alpha, beta, milestone. Trailing
/// null tokens (`0`, `""`) are trimmed at the end and before every remaining `-`, so
/// `1 = 1.0 = 1.0.0 = 1-0 = 1.ga` and `1-1 = 1-ga-1`.
///
/// Tokens then compare in turn. With the same separator, numbers compare by value, a
/// number beats a qualifier, and qualifiers order `alpha < beta < milestone < rc <
/// snapshot < "" < sp < (others, alphabetically)`. With different separators,
/// `.qualifier < -qualifier < -number < .number`. The shorter version is padded with
/// null tokens carrying the other side's separator (`0` after `.`, `""` after `-`).
struct MavenVersion: Sendable {
    enum Separator: Sendable, Equatable { case dot, hyphen }

    enum Value: Sendable, Equatable {
        case number(VersionNumber)
        case qualifier(String)
    }

    struct Token: Sendable, Equatable {
        var separator: Separator
        var value: Value
        /// Whether this token is padding added during a comparison.
        var isPadding = false

        static func == (lhs: Token, rhs: Token) -> Bool {
            lhs.separator == rhs.separator && lhs.value == rhs.value
        }

        var isNull: Bool {
            switch value {
            case .number(let number): return number.isZero
            case .qualifier(let text): return text.isEmpty
            }
        }
    }

    let tokens: [Token]

    private static let knownQualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]

    /// Parses a Maven version; never fails.
    init(_ string: String) {
        let bytes = Array(string.utf8).map(\.asciiLowercased)
        var tokens: [Token] = []
        var separator = Separator.dot
        var start = 0
        func emit(_ end: Int, followedByDigit: Bool) {
            let piece = bytes[start..<end]
            if piece.isEmpty {
                tokens.append(Token(separator: separator, value: .number(.zero)))
            } else if let number = VersionNumber(digits: piece) {
                tokens.append(Token(separator: separator, value: .number(number)))
            } else {
                var text = String(decoding: piece, as: UTF8.self)
                if followedByDigit {
                    switch text {
                    case "a": text = "alpha"
                    case "b": text = "beta"
                    case "m": text = "milestone"
                    default: break
                    }
                }
                switch text {
                case "cr": text = "rc"
                case "ga", "final", "release": text = ""
                default: break
                }
                tokens.append(Token(separator: separator, value: .qualifier(text)))
            }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") {
                emit(index, followedByDigit: false)
                separator = byte == UInt8(ascii: ".") ? .dot : .hyphen
                start = index + 1
            } else if index > start, byte.isASCIIDigit != bytes[index - 1].isASCIIDigit {
                emit(index, followedByDigit: byte.isASCIIDigit)
                separator = .hyphen
                start = index
            }
            index += 1
        }
        emit(bytes.count, followedByDigit: false)
        self.tokens = MavenVersion.trimmed(tokens)
    }

    /// Removes null tokens at the end and at the end of every hyphen-started segment.
    private static func trimmed(_ input: [Token]) -> [Token] {
        var tokens = input
        var index = tokens.count - 1
        while index > 0 {
            if tokens[index].isNull {
                tokens.remove(at: index)
                index -= 1
                continue
            }
            while index >= 0, tokens[index].separator != .hyphen { index -= 1 }
            index -= 1
        }
        return tokens
    }

    /// The padding token compared against `other` when this side has run out.
    private static func padding(for other: Token) -> Token {
        switch other.separator {
        case .dot:
            // `sp` is the one qualifier after the release; pad it with the release qualifier.
            if other.value == .qualifier("sp") {
                return Token(separator: .dot, value: .qualifier(""), isPadding: true)
            }
            return Token(separator: .dot, value: .number(.zero), isPadding: true)
        case .hyphen:
            return Token(separator: .hyphen, value: .qualifier(""), isPadding: true)
        }
    }

    static func compare(_ a: MavenVersion, _ b: MavenVersion) -> Int {
        let count = max(a.tokens.count, b.tokens.count)
        for index in 0..<count {
            let left = index < a.tokens.count ? a.tokens[index] : padding(for: b.tokens[index])
            let right = index < b.tokens.count ? b.tokens[index] : padding(for: a.tokens[index])
            if left == right { continue }
            return isLess(left, right) ? -1 : 1
        }
        return 0
    }

    private static func isLess(_ left: Token, _ right: Token) -> Bool {
        guard left.separator == right.separator else { return rank(left) < rank(right) }
        switch (left.value, right.value) {
        case (.number(let x), .number(let y)): return x < y
        case (.number, _) where !left.isPadding: return false
        case (_, .number) where !right.isPadding: return true
        default:
            let x = qualifierKey(left.value)
            let y = qualifierKey(right.value)
            if x.rank != y.rank { return x.rank < y.rank }
            return Ordering.compareBytes(x.text.utf8, y.text.utf8) < 0
        }
    }

    /// `.qualifier < -qualifier < -number < .number`.
    private static func rank(_ token: Token) -> Int {
        switch (token.separator, token.value) {
        case (.dot, .qualifier): return 0
        case (.hyphen, .qualifier): return 1
        case (.hyphen, .number): return 2
        case (.dot, .number): return 3
        }
    }

    /// A qualifier's place among the known ones (unknown ones, and padding zeros, after them).
    private static func qualifierKey(_ value: Value) -> (rank: Int, text: String) {
        let text: String
        switch value {
        case .number(let number): text = number.description
        case .qualifier(let qualifier): text = qualifier
        }
        if let index = knownQualifiers.firstIndex(of: text) { return (index, "") }
        return (knownQualifiers.count, text)
    }
}
