/// A RubyGems version ordered as `Gem::Version#<=>` orders it.
///
/// `-` is read as `.pre.`; the version splits into runs of digits (numbers) and runs of
/// letters (strings, case kept); trailing zeros are dropped from the leading numeric part
/// and from the part that starts at the first string. Missing segments count as 0; a
/// string sorts before a number (`1.0.b1 < 1.0`), strings compare byte-wise.
struct RubyGemsVersion: Sendable {
    enum Segment: Sendable, Equatable {
        case number(VersionNumber)
        case text([UInt8])
    }

    /// The canonical segments.
    let segments: [Segment]

    init(_ string: String) {
        var bytes: [UInt8] = []
        for byte in string.utf8 {
            if byte == UInt8(ascii: "-") {
                bytes.append(contentsOf: Array(".pre.".utf8))
            } else {
                bytes.append(byte)
            }
        }
        var raw: [Segment] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte.isASCIIDigit {
                let start = index
                while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
                raw.append(.number(VersionNumber(digits: bytes[start..<index]) ?? .zero))
            } else if byte.isASCIILetter {
                let start = index
                while index < bytes.count, bytes[index].isASCIILetter { index += 1 }
                raw.append(.text(Array(bytes[start..<index])))
            } else {
                index += 1
            }
        }
        let firstText = raw.firstIndex { if case .text = $0 { return true } else { return false } } ?? raw.count
        var numeric = Array(raw[..<firstText])
        var rest = Array(raw[firstText...])
        RubyGemsVersion.dropTrailingZeros(&numeric)
        RubyGemsVersion.dropTrailingZeros(&rest)
        segments = numeric + rest
    }

    private static func dropTrailingZeros(_ segments: inout [Segment]) {
        while let last = segments.last, case .number(let number) = last, number.isZero { segments.removeLast() }
    }

    static func compare(_ a: RubyGemsVersion, _ b: RubyGemsVersion) -> Int {
        let count = max(a.segments.count, b.segments.count)
        for index in 0..<count {
            let left = index < a.segments.count ? a.segments[index] : .number(.zero)
            let right = index < b.segments.count ? b.segments[index] : .number(.zero)
            if left == right { continue }
            switch (left, right) {
            case (.text, .number): return -1
            case (.number, .text): return 1
            case (.number(let x), .number(let y)): return Ordering.compare(x, y)
            case (.text(let x), .text(let y)): return Ordering.compareBytes(x, y)
            }
        }
        return 0
    }
}
