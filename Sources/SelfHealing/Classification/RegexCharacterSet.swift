/// A set of characters: an ASCII bitmap plus non-ASCII scalar ranges, possibly negated.
struct RegexCharacterSet: Equatable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var ranges: [ClosedRange<UInt32>] = []
    var negated = false

    static let any = RegexCharacterSet(negated: true)

    static func ascii(_ predicate: (UInt8) -> Bool) -> RegexCharacterSet {
        var set = RegexCharacterSet()
        for byte in UInt8(0)..<128 where predicate(byte) { set.insert(byte) }
        return set
    }

    static let digits = ascii { $0 >= 0x30 && $0 <= 0x39 }
    static let word = ascii { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    static let space = ascii { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
    static let horizontalSpace = ascii { $0 == 0x20 || $0 == 0x09 }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    func containsASCII(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte - 64)) != 0
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        var lower = range.lowerBound
        while lower <= range.upperBound, lower < 128 {
            insert(UInt8(lower))
            lower += 1
        }
        if lower <= range.upperBound { ranges.append(lower...range.upperBound) }
    }

    /// Adds the members of a (non-negated) set.
    mutating func formUnion(_ other: RegexCharacterSet) {
        low |= other.low
        high |= other.high
        ranges += other.ranges
    }

    /// Adds the other case of every ASCII letter.
    mutating func foldASCIICase() {
        for byte in UInt8(0x41)...0x5A where containsASCII(byte) || containsASCII(byte | 0x20) {
            insert(byte)
            insert(byte | 0x20)
        }
    }

    /// Whether the scalar (or, for a non-ASCII or invalid sequence, its value) is a member.
    func contains(scalar value: UInt32) -> Bool {
        let member = value < 128 ? containsASCII(UInt8(value)) : ranges.contains { $0.contains(value) }
        return member != negated
    }

    /// Whether the set matches almost anything (`.`, `\S`, `[^x]`): used by static analysis.
    var isWide: Bool { negated }
}
