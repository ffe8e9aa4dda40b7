import Foundation

/// Which regular-expression engine runs the rules.
public enum SecretRegexEngine: String, Sendable, CaseIterable {
    /// Foundation's `NSRegularExpression` (ICU); the default, measured faster here.
    case foundation
    /// The standard library's `Regex`, built from the pattern string at run time.
    case swiftRegex = "swift-regex"
}

/// One regex match in a text, as byte offsets into the text.
struct PatternMatch: Sendable {
    /// The whole match.
    var whole: Range<Int>
    /// The secret capture group (or the whole match).
    var secret: Range<Int>
    /// Capture group 1, when the regex has one (the name, for assignment rules).
    var firstGroup: Range<Int>?
}

/// A compiled rule regex that reports matches as byte offsets.
///
/// Texts are handed over decoded as ISO Latin-1 so that one byte is one UTF-16 unit and
/// offsets map back to the raw bytes exactly, whatever the file's encoding.
protocol SecretPatternMatcher: Sendable {
    /// Matches inside `range` of `text`, at most `limit`; `anchored` only tries the start
    /// of the range. Lookbehind may see text before the range. Offsets are into `text`.
    func matches(in text: LatinText, range: Range<Int>, limit: Int, anchored: Bool) -> [PatternMatch]
}

extension SecretPatternMatcher {
    func matches(in text: LatinText, limit: Int) -> [PatternMatch] {
        matches(in: text, range: 0..<text.bytes.count, limit: limit, anchored: false)
    }
}

/// Bytes of a line (or block) decoded one byte per character.
struct LatinText {
    let bytes: ArraySlice<UInt8>
    let string: String

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        if bytes.allSatisfy({ $0 < 0x80 }) {
            string = String(decoding: bytes, as: UTF8.self)
        } else {
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            string = String(scalars)
        }
    }
}

/// `NSRegularExpression`-backed matcher.
struct FoundationPatternMatcher: SecretPatternMatcher, @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as thread-safe.
    private let regex: NSRegularExpression
    private let group: Int

    init(pattern: String, group: Int) throws {
        regex = try NSRegularExpression(pattern: pattern)
        self.group = group
    }

    func matches(in text: LatinText, range: Range<Int>, limit: Int, anchored: Bool) -> [PatternMatch] {
        var results: [PatternMatch] = []
        let searched = NSRange(location: range.lowerBound, length: range.count)
        let options: NSRegularExpression.MatchingOptions = anchored ? [.anchored, .withTransparentBounds] : [.withTransparentBounds]
        regex.enumerateMatches(in: text.string, options: options, range: searched) { result, _, stop in
            guard let result else { return }
            let whole = result.range
            let secret = result.range(at: group)
            guard whole.location != NSNotFound, secret.location != NSNotFound else { return }
            var first: Range<Int>?
            if result.numberOfRanges > 1 {
                let range = result.range(at: 1)
                if range.location != NSNotFound { first = range.location..<(range.location + range.length) }
            }
            results.append(PatternMatch(
                whole: whole.location..<(whole.location + whole.length),
                secret: secret.location..<(secret.location + secret.length), firstGroup: first))
            if results.count >= limit { stop.pointee = true }
        }
        return results
    }
}

/// Standard-library `Regex`-backed matcher.
struct SwiftPatternMatcher: SecretPatternMatcher, @unchecked Sendable {
    // A Regex<AnyRegexOutput> is a value type that is only read after creation.
    private let regex: Regex<AnyRegexOutput>
    private let group: Int

    init(pattern: String, group: Int) throws {
        regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        self.group = group
    }

    func matches(in text: LatinText, range: Range<Int>, limit: Int, anchored: Bool) -> [PatternMatch] {
        let string = text.string
        let utf16 = string.utf16
        let lower = utf16.index(utf16.startIndex, offsetBy: range.lowerBound)
        let upper = utf16.index(lower, offsetBy: range.count)
        let substring = string[lower..<upper]
        if anchored {
            guard let match = try? regex.prefixMatch(in: substring) else { return [] }
            return convert(match, in: string).map { [$0] } ?? []
        }
        var results: [PatternMatch] = []
        for match in substring.matches(of: regex) {
            guard let converted = convert(match, in: string) else { continue }
            results.append(converted)
            if results.count >= limit { break }
        }
        return results
    }

    private func convert(_ match: Regex<AnyRegexOutput>.Match, in string: String) -> PatternMatch? {
        let utf16 = string.utf16
        func offset(_ index: String.Index) -> Int { utf16.distance(from: utf16.startIndex, to: index) }
        let whole = match.range
        guard group < match.output.count, let secret = match.output[group].range else { return nil }
        var first: Range<Int>?
        if match.output.count > 1, let range = match.output[1].range {
            first = offset(range.lowerBound)..<offset(range.upperBound)
        }
        return PatternMatch(
            whole: offset(whole.lowerBound)..<offset(whole.upperBound),
            secret: offset(secret.lowerBound)..<offset(secret.upperBound), firstGroup: first)
    }
}
