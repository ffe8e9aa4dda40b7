/// A Debian or Ubuntu package version ordered as `dpkg --compare-versions` orders it.
///
/// `[epoch:]upstream[-revision]`: the epoch is the number before the first `:` (0 when
/// absent), the revision follows the last `-` (absent revision equals `0`). Upstream and
/// revision compare with dpkg's `verrevcmp`: alternating non-digit runs, compared
/// character by character where `~` sorts before everything (even the end), letters
/// before other characters, and digit runs compared as numbers.
struct DebianVersion: Sendable {
    let epoch: VersionNumber
    let upstream: [UInt8]
    let revision: [UInt8]

    init(_ string: String) {
        var bytes = Array(string.utf8)
        while let last = bytes.last, last == 32 || last == 9 || last == 10 || last == 13 { bytes.removeLast() }
        while let first = bytes.first, first == 32 || first == 9 { bytes.removeFirst() }
        var epoch = VersionNumber.zero
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            epoch = VersionNumber(digits: bytes[..<colon]) ?? .zero
            bytes = Array(bytes[(colon + 1)...])
        }
        self.epoch = epoch
        if let hyphen = bytes.lastIndex(of: UInt8(ascii: "-")) {
            upstream = Array(bytes[..<hyphen])
            revision = Array(bytes[(hyphen + 1)...])
        } else {
            upstream = bytes
            revision = []
        }
    }

    static func compare(_ a: DebianVersion, _ b: DebianVersion) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        let upstream = verrevcmp(a.upstream, b.upstream)
        if upstream != 0 { return upstream }
        return verrevcmp(a.revision, b.revision)
    }

    /// dpkg's character weight: digits and the end 0, `~` -1, letters their code, others code + 256.
    @inline(__always)
    private static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if byte.isASCIIDigit { return 0 }
        if byte.isASCIILetter { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        return Int(byte) + 256
    }

    /// dpkg's `verrevcmp`, returning -1, 0 or +1.
    static func verrevcmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            while (i < a.count && !a[i].isASCIIDigit) || (j < b.count && !b[j].isASCIIDigit) {
                let ac = order(i < a.count ? a[i] : nil)
                let bc = order(j < b.count ? b[j] : nil)
                if ac != bc { return ac < bc ? -1 : 1 }
                i += 1
                j += 1
            }
            while i < a.count, a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count, b[j] == UInt8(ascii: "0") { j += 1 }
            var firstDifference = 0
            while i < a.count, j < b.count, a[i].isASCIIDigit, b[j].isASCIIDigit {
                if firstDifference == 0, a[i] != b[j] { firstDifference = a[i] < b[j] ? -1 : 1 }
                i += 1
                j += 1
            }
            if i < a.count, a[i].isASCIIDigit { return 1 }
            if j < b.count, b[j].isASCIIDigit { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }
}
