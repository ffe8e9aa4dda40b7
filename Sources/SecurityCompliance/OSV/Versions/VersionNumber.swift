/// An arbitrary-precision non-negative integer parsed from a run of ASCII digits.
///
/// Version strings contain numbers longer than any machine integer
/// (`999999999999999999999999999991`), so numbers are kept as their digits with
/// leading zeros removed: a longer digit string is the bigger number, equal lengths
/// compare digit by digit. Numbers of up to 18 digits are stored as `UInt64` for speed.
struct VersionNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        case small(UInt64)
        case big([UInt8])
    }

    private let storage: Storage

    /// Zero.
    static let zero = VersionNumber(storage: .small(0))

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Creates a number from ASCII digits; returns `nil` when `digits` is empty or holds a non-digit.
    init?<C: Collection>(digits: C) where C.Element == UInt8 {
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var start = digits.startIndex
        while start != digits.endIndex, digits[start] == UInt8(ascii: "0") {
            start = digits.index(after: start)
        }
        let significant = digits[start...]
        if significant.count <= 18 {
            var value: UInt64 = 0
            for digit in significant { value = value &* 10 &+ UInt64(digit &- 48) }
            self.storage = .small(value)
        } else {
            self.storage = .big(Array(significant))
        }
    }

    /// Creates a number from a string of ASCII digits; `nil` if it is empty or not all digits.
    init?<S: StringProtocol>(_ text: S) {
        self.init(digits: Array(text.utf8))
    }

    /// Creates a number from a machine integer.
    init(_ value: UInt64) {
        self.storage = .small(value)
    }

    /// Whether the number is zero.
    var isZero: Bool {
        if case .small(0) = storage { return true }
        return false
    }

    /// The value when it fits into an `Int`, else `nil`.
    var intValue: Int? {
        if case .small(let value) = storage, value <= UInt64(Int.max) { return Int(value) }
        return nil
    }

    var description: String {
        switch storage {
        case .small(let value): return String(value)
        case .big(let digits): return String(decoding: digits, as: UTF8.self)
        }
    }

    static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.small(let a), .small(let b)): return a < b
        case (.small, .big): return true
        case (.big, .small): return false
        case (.big(let a), .big(let b)):
            if a.count != b.count { return a.count < b.count }
            return a.lexicographicallyPrecedes(b)
        }
    }
}

/// Three-way comparison helpers shared by the version schemes.
enum Ordering {
    /// Compares two `Comparable` values: -1, 0 or +1.
    @inline(__always)
    static func compare<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Compares two byte strings in byte order (which is code point order for UTF-8): -1, 0 or +1.
    static func compareBytes<A: Collection, B: Collection>(_ a: A, _ b: B) -> Int
    where A.Element == UInt8, B.Element == UInt8 {
        var i = a.startIndex
        var j = b.startIndex
        while i != a.endIndex, j != b.endIndex {
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            i = a.index(after: i)
            j = b.index(after: j)
        }
        if i == a.endIndex { return j == b.endIndex ? 0 : -1 }
        return 1
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII digit.
    @inline(__always) var isASCIIDigit: Bool { self >= 48 && self <= 57 }
    /// Whether the byte is an ASCII letter.
    @inline(__always) var isASCIILetter: Bool { (self >= 65 && self <= 90) || (self >= 97 && self <= 122) }
    /// The lowercase form of an ASCII letter; other bytes unchanged.
    @inline(__always) var asciiLowercased: UInt8 { (self >= 65 && self <= 90) ? self + 32 : self }
}
