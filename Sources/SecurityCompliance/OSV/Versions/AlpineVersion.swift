/// An Alpine (apk) package version ordered as apk-tools orders it.
///
/// Gentoo-style `digits{.digits}{letter}{_suffix{N}}…{~hash}{-rN}`: the string is read as
/// a sequence of typed tokens; pre-release suffixes `alpha < beta < pre < rc` sort before
/// the release and post-release suffixes `cvs < svn < git < hg < p` after it; after a dot,
/// leading zeros make a part compare as a fraction (`1.01 < 1.1`); `-rN` is the package
/// revision. A `~hash` commit suffix is ignored. The comparison walks both token streams
/// while types and values agree, as `apk_version_compare` does.
struct AlpineVersion: Sendable {
    /// apk's token types, in apk's order.
    private enum TokenType: Int, Comparable {
        case invalid = -1, digitOrZero = 0, digit, letter, suffix, suffixNumber, revisionNumber, end
        static func < (lhs: TokenType, rhs: TokenType) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let bytes: [UInt8]

    init(_ string: String) {
        var bytes = Array(string.utf8)
        if let tilde = bytes.firstIndex(of: UInt8(ascii: "~")) {
            let revision = bytes[tilde...].firstIndex(of: UInt8(ascii: "-")).map { Array(bytes[$0...]) } ?? []
            bytes = Array(bytes[..<tilde]) + revision
        }
        self.bytes = bytes
    }

    /// A cursor over one version's tokens.
    private struct Cursor {
        let bytes: [UInt8]
        var index = 0
        var type: TokenType = .digit

        var remaining: Int { bytes.count - index }

        private static let preSuffixes = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
        private static let postSuffixes = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

        /// Decides the type of the next token and skips its separator (apk's `next_token`).
        mutating func advanceType() {
            var next = TokenType.invalid
            if remaining == 0 || bytes[index] == 0 {
                next = .end
            } else if (type == .digit || type == .digitOrZero), bytes[index] >= 97, bytes[index] <= 122 {
                next = .letter
            } else if type == .letter, bytes[index].isASCIIDigit {
                next = .digit
            } else if type == .suffix, bytes[index].isASCIIDigit {
                next = .suffixNumber
            } else {
                switch bytes[index] {
                case UInt8(ascii: "."): next = .digitOrZero
                case UInt8(ascii: "_"): next = .suffix
                case UInt8(ascii: "-"):
                    if remaining > 1, bytes[index + 1] == UInt8(ascii: "r") {
                        next = .revisionNumber
                        index += 1
                    }
                default: break
                }
                index += 1
            }
            if next < type {
                let allowed = (next == .digitOrZero && type == .digit) || (next == .suffix && type == .suffixNumber)
                    || (next == .digit && type == .letter)
                if !allowed { next = .invalid }
            }
            type = next
        }

        /// Reads a token of the current type and moves to the next type (apk's `get_token`).
        mutating func token() -> Int {
            guard remaining > 0 else {
                type = .end
                return 0
            }
            var value = 0
            var length = 0
            var forcedNext: TokenType?
            func readDigits() {
                while length < remaining, bytes[index + length].isASCIIDigit {
                    value = value > Int.max / 20 ? value : value * 10 + Int(bytes[index + length] - 48)
                    length += 1
                }
            }
            switch type {
            case .digitOrZero where bytes[index] == UInt8(ascii: "0"):
                while length < remaining, bytes[index + length] == UInt8(ascii: "0") { length += 1 }
                forcedNext = .digit
                value = -length
            case .digitOrZero, .digit, .suffixNumber, .revisionNumber:
                readDigits()
            case .letter:
                value = Int(bytes[index])
                length = 1
            case .suffix:
                if let found = Cursor.match(Cursor.preSuffixes, in: bytes[index...]) {
                    value = found.index - Cursor.preSuffixes.count
                    length = found.length
                } else if let found = Cursor.match(Cursor.postSuffixes, in: bytes[index...]) {
                    value = found.index
                    length = found.length
                } else {
                    type = .invalid
                    return -1
                }
            case .invalid, .end:
                type = .invalid
                return -1
            }
            index += length
            if remaining == 0 {
                type = .end
            } else if let forcedNext {
                type = forcedNext
            } else {
                advanceType()
            }
            return value
        }

        private static func match(_ names: [[UInt8]], in rest: ArraySlice<UInt8>) -> (index: Int, length: Int)? {
            for (offset, name) in names.enumerated() where rest.starts(with: name) {
                return (offset, name.count)
            }
            return nil
        }
    }

    static func compare(_ a: AlpineVersion, _ b: AlpineVersion) -> Int {
        var left = Cursor(bytes: a.bytes)
        var right = Cursor(bytes: b.bytes)
        var leftValue = 0
        var rightValue = 0
        var steps = 0
        while left.type == right.type, left.type != .end, left.type != .invalid, leftValue == rightValue,
              steps <= a.bytes.count + b.bytes.count + 2 {
            leftValue = left.token()
            rightValue = right.token()
            steps += 1
        }
        if leftValue != rightValue { return leftValue < rightValue ? -1 : 1 }
        if left.type == right.type { return 0 }
        if left.type == .suffix {
            var probe = left
            if probe.token() < 0 { return -1 }
        }
        if right.type == .suffix {
            var probe = right
            if probe.token() < 0 { return 1 }
        }
        if left.type > right.type { return -1 }
        if right.type > left.type { return 1 }
        return 0
    }
}
