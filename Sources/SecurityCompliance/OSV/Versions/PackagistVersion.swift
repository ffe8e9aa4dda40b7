/// A Packagist (composer) version ordered as PHP's `version_compare` orders it.
///
/// A leading `v`/`V` is dropped; `-`, `_`, `+` become `.`; a `.` is put between a digit
/// and a non-digit; then the dot-separated parts compare: numbers numerically (any size),
/// words by their special form — `dev < alpha = a < beta = b < RC = rc < # < pl = p`
/// matched by prefix and case-sensitively, any other word below `dev` — and a number
/// counts as `#` against a word. When one version runs out, its next part decides: a
/// number makes it newer, a word is compared with `#` (`1.0 > 1.0-dev`, `1.0 < 1.0pl1`).
struct PackagistVersion: Sendable {
    enum Part: Sendable {
        case number(VersionNumber)
        case word([UInt8])
    }

    let parts: [Part]

    init(_ string: String) {
        var bytes = Array(string.utf8)
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            bytes.removeFirst()
        }
        var canonical: [UInt8] = []
        canonical.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            let mapped = (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+"))
                ? UInt8(ascii: ".") : byte
            if let previous = canonical.last, previous != UInt8(ascii: "."), mapped != UInt8(ascii: "."),
               previous.isASCIIDigit != mapped.isASCIIDigit {
                canonical.append(UInt8(ascii: "."))
            }
            canonical.append(mapped)
        }
        parts = canonical.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { piece in
            if let number = VersionNumber(digits: piece) { return .number(number) }
            return .word(Array(piece))
        }
    }

    /// The special forms in PHP's lookup order with their weights.
    private static let specialForms: [([UInt8], Int)] = [
        ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5),
        ("p", 5),
    ].map { (Array($0.0.utf8), $0.1) }

    private static func weight(_ word: [UInt8]) -> Int {
        for (form, value) in specialForms where word.starts(with: form) { return value }
        return -1
    }

    private static let numberWeight = 4

    static func compare(_ a: PackagistVersion, _ b: PackagistVersion) -> Int {
        compare(a.parts[...], b.parts[...])
    }

    private static func compare(_ a: ArraySlice<Part>, _ b: ArraySlice<Part>) -> Int {
        for (x, y) in zip(a, b) {
            let result: Int
            switch (x, y) {
            case (.number(let m), .number(let n)): result = Ordering.compare(m, n)
            case (.word(let s), .word(let t)): result = Ordering.compare(weight(s), weight(t))
            case (.number, .word(let t)): result = Ordering.compare(numberWeight, weight(t))
            case (.word(let s), .number): result = Ordering.compare(weight(s), numberWeight)
            }
            if result != 0 { return result }
        }
        if a.count > b.count {
            let next = a[a.startIndex + b.count]
            if case .number = next { return 1 }
            return compare(a.dropFirst(b.count), [Part.word(Array("#".utf8))][...])
        }
        if b.count > a.count {
            let next = b[b.startIndex + a.count]
            if case .number = next { return -1 }
            return compare([Part.word(Array("#".utf8))][...], b.dropFirst(a.count))
        }
        return 0
    }
}
