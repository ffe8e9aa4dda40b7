/// An RPM package version (`[epoch:]version[-release]`) ordered as `rpmvercmp` orders it.
///
/// Version and release split into runs of digits and runs of letters; other characters
/// only separate. `~` sorts before anything (even the end), `^` after the end but before
/// anything else; a number beats letters; numbers compare by value, letters byte-wise;
/// the version with segments left over is newer. A `:` counts as the epoch separator only
/// after digits; a version without release sorts before the same version with one.
struct RPMVersion: Sendable {
    let epoch: VersionNumber
    let version: [UInt8]
    let release: [UInt8]?

    init(_ string: String) {
        var bytes = Array(string.utf8)
        var epoch = VersionNumber.zero
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), let number = VersionNumber(digits: bytes[..<colon]) {
            epoch = number
            bytes = Array(bytes[(colon + 1)...])
        }
        self.epoch = epoch
        if let hyphen = bytes.lastIndex(of: UInt8(ascii: "-")) {
            version = Array(bytes[..<hyphen])
            release = Array(bytes[(hyphen + 1)...])
        } else {
            version = bytes
            release = nil
        }
    }

    static func compare(_ a: RPMVersion, _ b: RPMVersion) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        let version = rpmvercmp(a.version, b.version)
        if version != 0 { return version }
        switch (a.release, b.release) {
        case (nil, nil): return 0
        case (nil, .some): return -1
        case (.some, nil): return 1
        case (let x?, let y?): return rpmvercmp(x, y)
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool { byte.isASCIIDigit || byte.isASCIILetter }

    /// `rpmvercmp` from rpm's `rpmvercmp.c`, returning -1, 0 or +1.
    static func rpmvercmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        let tilde = UInt8(ascii: "~")
        let caret = UInt8(ascii: "^")
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            while i < a.count, !isAlphanumeric(a[i]), a[i] != tilde, a[i] != caret { i += 1 }
            while j < b.count, !isAlphanumeric(b[j]), b[j] != tilde, b[j] != caret { j += 1 }
            let x = i < a.count ? a[i] : nil
            let y = j < b.count ? b[j] : nil
            if x == tilde || y == tilde {
                if x != tilde { return 1 }
                if y != tilde { return -1 }
                i += 1
                j += 1
                continue
            }
            if x == caret || y == caret {
                if x == nil { return -1 }
                if y == nil { return 1 }
                if x != caret { return 1 }
                if y != caret { return -1 }
                i += 1
                j += 1
                continue
            }
            guard let first = x, y != nil else { break }
            let numeric = first.isASCIIDigit
            let matches: (UInt8) -> Bool = numeric ? { $0.isASCIIDigit } : { $0.isASCIILetter }
            let startA = i
            let startB = j
            while i < a.count, matches(a[i]) { i += 1 }
            while j < b.count, matches(b[j]) { j += 1 }
            if j == startB { return numeric ? 1 : -1 }
            let result: Int
            if numeric {
                result = Ordering.compare(VersionNumber(digits: a[startA..<i]) ?? .zero,
                                          VersionNumber(digits: b[startB..<j]) ?? .zero)
            } else {
                result = Ordering.compareBytes(a[startA..<i], b[startB..<j])
            }
            if result != 0 { return result }
        }
        let restA = i < a.count
        let restB = j < b.count
        if !restA, !restB { return 0 }
        return restA ? 1 : -1
    }
}
