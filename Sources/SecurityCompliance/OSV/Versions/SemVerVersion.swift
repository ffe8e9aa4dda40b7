/// A SemVer-like version: numeric parts, a pre-release and build metadata.
///
/// Parsing is lenient in the way OSV tooling is: a leading `v`/`V`, any number of numeric
/// parts (missing ones count as zero, so `1.0` equals `1.0.0`), a pre-release that starts
/// at the first character that is neither a digit nor a dot (with one leading `-` dropped,
/// so `1.0.0rc1` and `1.0.0-rc1` are the same) and build metadata after the first `+`.
/// Numbers have no size limit. The same parse serves three orderings: SemVer (build
/// ignored), NuGet (labels compared without case) and Pub (build metadata ordered).
struct SemVerVersion: Sendable, Hashable {
    /// The numeric parts (`1.2.3` → `[1, 2, 3]`).
    let numbers: [VersionNumber]
    /// The dot-separated pre-release identifiers; `nil` when there is no pre-release.
    let prerelease: [Identifier]?
    /// The dot-separated build identifiers; `nil` when there is no build metadata.
    let build: [Identifier]?

    /// One dot-separated pre-release or build identifier.
    struct Identifier: Sendable, Hashable {
        /// The identifier's bytes as written.
        let text: [UInt8]
        /// Its numeric value when it is all digits.
        let number: VersionNumber?

        init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            text = Array(bytes)
            number = VersionNumber(digits: text)
        }
    }

    /// Parses `string` leniently; never fails.
    init(_ string: String) {
        var bytes = Array(string.utf8)
        while let last = bytes.last, last == 32 || last == 9 || last == 10 || last == 13 { bytes.removeLast() }
        var index = 0
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "v") || bytes[index] == UInt8(ascii: "V") {
            index += 1
        }
        var numbers: [VersionNumber] = []
        var digitStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte.isASCIIDigit {
                index += 1
                continue
            }
            if index > digitStart, let number = VersionNumber(digits: bytes[digitStart..<index]) {
                numbers.append(number)
            }
            if byte == UInt8(ascii: ".") {
                index += 1
                digitStart = index
                continue
            }
            break
        }
        if index == bytes.count, index > digitStart, let number = VersionNumber(digits: bytes[digitStart..<index]) {
            numbers.append(number)
        }
        self.numbers = numbers
        guard index < bytes.count else {
            prerelease = nil
            build = nil
            return
        }
        var rest = bytes[index...]
        var buildPart: ArraySlice<UInt8>?
        if let plus = rest.firstIndex(of: UInt8(ascii: "+")) {
            buildPart = rest[(plus + 1)...]
            rest = rest[..<plus]
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let hasPrerelease = !rest.isEmpty || (index < bytes.count && bytes[index] == UInt8(ascii: "-"))
        prerelease = hasPrerelease ? rest.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map(Identifier.init) : nil
        build = buildPart.map {
            $0.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Identifier.init)
        }
    }

    /// SemVer 2.0 precedence; build metadata is ignored.
    static func compareSemVer(_ a: SemVerVersion, _ b: SemVerVersion) -> Int {
        let byNumbers = compareNumbers(a.numbers, b.numbers)
        if byNumbers != 0 { return byNumbers }
        return compareLabels(a.prerelease, b.prerelease, absentIsGreater: true, ignoreCase: false)
    }

    /// NuGet precedence: SemVer with pre-release labels compared without regard to case.
    static func compareNuGet(_ a: SemVerVersion, _ b: SemVerVersion) -> Int {
        let byNumbers = compareNumbers(a.numbers, b.numbers)
        if byNumbers != 0 { return byNumbers }
        return compareLabels(a.prerelease, b.prerelease, absentIsGreater: true, ignoreCase: true)
    }

    /// Pub precedence: SemVer, then build metadata, where no build sorts before any build.
    static func comparePub(_ a: SemVerVersion, _ b: SemVerVersion) -> Int {
        let bySemVer = compareSemVer(a, b)
        if bySemVer != 0 { return bySemVer }
        return compareLabels(a.build, b.build, absentIsGreater: false, ignoreCase: false)
    }

    /// Compares numeric parts, padding the shorter list with zeros.
    private static func compareNumbers(_ a: [VersionNumber], _ b: [VersionNumber]) -> Int {
        let count = max(a.count, b.count)
        for position in 0..<count {
            let left = position < a.count ? a[position] : .zero
            let right = position < b.count ? b[position] : .zero
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    /// Compares identifier lists by SemVer rule 11: numeric below alphanumeric, more identifiers above fewer.
    private static func compareLabels(
        _ a: [Identifier]?, _ b: [Identifier]?, absentIsGreater: Bool, ignoreCase: Bool
    ) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return absentIsGreater ? 1 : -1
        case (_, nil): return absentIsGreater ? -1 : 1
        case (let left?, let right?):
            for (x, y) in zip(left, right) {
                let result = compareIdentifier(x, y, ignoreCase: ignoreCase)
                if result != 0 { return result }
            }
            return Ordering.compare(left.count, right.count)
        }
    }

    private static func compareIdentifier(_ x: Identifier, _ y: Identifier, ignoreCase: Bool) -> Int {
        switch (x.number, y.number) {
        case (let m?, let n?): return Ordering.compare(m, n)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil):
            if ignoreCase {
                return Ordering.compareBytes(x.text.lazy.map(\.asciiLowercased), y.text.lazy.map(\.asciiLowercased))
            }
            return Ordering.compareBytes(x.text, y.text)
        }
    }
}
