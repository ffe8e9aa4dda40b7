/// A version in an ecosystem with no known ordering, compared "naturally".
///
/// The string splits into runs of digits and runs of letters (case ignored); every other
/// character only separates. Numbers compare by value and sort above words (`1.0.1 >
/// 1.0.beta`). When one version runs out, the other is newer if its next run is a number
/// and older if it is a word, so `1.0 < 1.0.1`, `1.0-rc1 < 1.0` and `2.0 = 2.0.0`.
struct GenericVersion: Sendable {
    enum Run: Sendable, Equatable {
        case number(VersionNumber)
        case word([UInt8])
    }

    let runs: [Run]

    init(_ string: String) {
        let bytes = Array(string.utf8)
        var runs: [Run] = []
        var index = 0
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V"),
           bytes.count > 1, bytes[1].isASCIIDigit {
            index = 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte.isASCIIDigit {
                let start = index
                while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
                runs.append(.number(VersionNumber(digits: bytes[start..<index]) ?? .zero))
            } else if byte.isASCIILetter {
                let start = index
                while index < bytes.count, bytes[index].isASCIILetter { index += 1 }
                runs.append(.word(bytes[start..<index].map(\.asciiLowercased)))
            } else {
                index += 1
            }
        }
        self.runs = runs
    }

    static func compare(_ a: GenericVersion, _ b: GenericVersion) -> Int {
        for (x, y) in zip(a.runs, b.runs) where x != y {
            switch (x, y) {
            case (.number(let m), .number(let n)): return Ordering.compare(m, n)
            case (.word(let s), .word(let t)): return Ordering.compareBytes(s, t)
            case (.number, .word): return 1
            case (.word, .number): return -1
            }
        }
        if a.runs.count == b.runs.count { return 0 }
        let longerIsA = a.runs.count > b.runs.count
        let rest = longerIsA ? a.runs[b.runs.count...] : b.runs[a.runs.count...]
        // Zero numbers left over change nothing (`2.0 = 2.0.0`); a word first means a pre-release.
        guard let next = rest.first(where: { $0 != .number(.zero) }) else { return 0 }
        let longerIsNewer: Bool
        if case .number = next { longerIsNewer = true } else { longerIsNewer = false }
        return (longerIsA == longerIsNewer) ? 1 : -1
    }
}
