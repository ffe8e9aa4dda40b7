/// A PyPI version ordered by PEP 440, as Python's `packaging.version` orders it.
///
/// Valid versions are normalised while parsing: case is ignored, a leading `v` is dropped,
/// `alpha`/`beta`/`c`/`pre`/`preview` become `a`/`b`/`rc`, `rev`/`r`/`-N` become post
/// releases, separators `-_.` around labels are optional and a missing label number is 0.
/// A string that is not valid PEP 440 is a "legacy" version (setuptools' old scheme),
/// ordered before every valid version, as `packaging` did before version 22.
enum PEP440Version: Sendable, Hashable {
    case valid(Release)
    case legacy([[UInt8]])

    /// A parsed, valid PEP 440 version.
    struct Release: Sendable, Hashable {
        var epoch: VersionNumber = .zero
        /// The release numbers with trailing zeros removed.
        var release: [VersionNumber] = []
        /// Pre-release: 0 = a, 1 = b, 2 = rc, with its number.
        var pre: (kind: Int, number: VersionNumber)?
        var post: VersionNumber?
        var dev: VersionNumber?
        /// Local version segments: numbers or lower-cased strings.
        var local: [LocalSegment]?

        static func == (lhs: Release, rhs: Release) -> Bool { PEP440Version.compareValid(lhs, rhs) == 0 }
        func hash(into hasher: inout Hasher) {
            hasher.combine(epoch)
            hasher.combine(release)
        }
    }

    /// One segment of a local version label (`+ubuntu.1`).
    enum LocalSegment: Sendable, Hashable {
        case number(VersionNumber)
        case text([UInt8])
    }

    /// Parses a PyPI version string; never fails (invalid strings become legacy versions).
    init(_ string: String) {
        let lowered = Array(string.utf8).map(\.asciiLowercased)
        var start = 0
        var end = lowered.count
        while start < end, PEP440Version.isSpace(lowered[start]) { start += 1 }
        while end > start, PEP440Version.isSpace(lowered[end - 1]) { end -= 1 }
        var parser = Parser(bytes: Array(lowered[start..<end]))
        if let release = parser.parse() {
            self = .valid(release)
        } else {
            self = .legacy(PEP440Version.legacyKey(Array(lowered[start..<end])))
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 11 || byte == 12
    }

    /// Three-way comparison: legacy versions sort before valid ones.
    static func compare(_ a: PEP440Version, _ b: PEP440Version) -> Int {
        switch (a, b) {
        case (.legacy(let x), .legacy(let y)): return compareLegacy(x, y)
        case (.legacy, .valid): return -1
        case (.valid, .legacy): return 1
        case (.valid(let x), .valid(let y)): return compareValid(x, y)
        }
    }

    /// Compares two valid versions by packaging's `_cmpkey`.
    static func compareValid(_ a: Release, _ b: Release) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        for (x, y) in zip(a.release, b.release) where x != y { return x < y ? -1 : 1 }
        if a.release.count != b.release.count { return a.release.count < b.release.count ? -1 : 1 }
        let preOrder = Ordering.compare(preRank(a), preRank(b))
        if preOrder != 0 { return preOrder }
        if let x = a.pre, let y = b.pre {
            if x.kind != y.kind { return x.kind < y.kind ? -1 : 1 }
            if x.number != y.number { return x.number < y.number ? -1 : 1 }
        }
        switch (a.post, b.post) {
        case (nil, .some): return -1
        case (.some, nil): return 1
        case (let x?, let y?) where x != y: return x < y ? -1 : 1
        default: break
        }
        switch (a.dev, b.dev) {
        case (nil, .some): return 1
        case (.some, nil): return -1
        case (let x?, let y?) where x != y: return x < y ? -1 : 1
        default: break
        }
        return compareLocal(a.local, b.local)
    }

    /// -1 for a dev release with no pre or post release (it sorts before `a0`), 1 for
    /// no pre-release at all, 0 when there is a pre-release (then compared by label).
    private static func preRank(_ release: Release) -> Int {
        if release.pre == nil, release.post == nil, release.dev != nil { return -1 }
        return release.pre == nil ? 1 : 0
    }

    private static func compareLocal(_ a: [LocalSegment]?, _ b: [LocalSegment]?) -> Int {
        guard let a else { return b == nil ? 0 : -1 }
        guard let b else { return 1 }
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.number(let m), .number(let n)) where m != n: return m < n ? -1 : 1
            case (.number, .text): return 1
            case (.text, .number): return -1
            case (.text(let s), .text(let t)):
                let result = Ordering.compareBytes(s, t)
                if result != 0 { return result }
            default: continue
            }
        }
        return Ordering.compare(a.count, b.count)
    }
}

extension PEP440Version {
    /// A hand-written equivalent of packaging's `VERSION_PATTERN`, matched against the whole string.
    fileprivate struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() -> Release? {
            var result = Release()
            if peek == UInt8(ascii: "v") { index += 1 }
            guard var first = number() else { return nil }
            if peek == UInt8(ascii: "!") {
                index += 1
                result.epoch = first
                guard let releaseStart = number() else { return nil }
                first = releaseStart
            }
            var release = [first]
            while peek == UInt8(ascii: "."), index + 1 < bytes.count, bytes[index + 1].isASCIIDigit {
                index += 1
                if let next = number() { release.append(next) }
            }
            while let last = release.last, last.isZero { release.removeLast() }
            result.release = release
            result.pre = preRelease()
            result.post = postRelease()
            result.dev = devRelease()
            if peek == UInt8(ascii: "+") {
                index += 1
                guard let local = localVersion() else { return nil }
                result.local = local
            }
            return index == bytes.count ? result : nil
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func number() -> VersionNumber? {
            let start = index
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
            return VersionNumber(digits: bytes[start..<index])
        }

        func isSeparator(_ byte: UInt8?) -> Bool {
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }

        /// Matches one of `labels` (longest listed first) at the cursor, after an optional separator.
        mutating func label(_ labels: [(String, Int)]) -> Int? {
            var cursor = index
            if isSeparator(peek) { cursor += 1 }
            for (text, value) in labels {
                let utf8 = Array(text.utf8)
                if cursor + utf8.count <= bytes.count, Array(bytes[cursor..<(cursor + utf8.count)]) == utf8 {
                    index = cursor + utf8.count
                    return value
                }
            }
            return nil
        }

        /// The optional `[-_.]?N` after a label (a separator with no number after it is still consumed).
        mutating func labelNumber() -> VersionNumber {
            if isSeparator(peek) { index += 1 }
            return number() ?? .zero
        }

        mutating func preRelease() -> (kind: Int, number: VersionNumber)? {
            let saved = index
            let labels = [("alpha", 0), ("a", 0), ("beta", 1), ("b", 1), ("preview", 2), ("pre", 2), ("c", 2),
                          ("rc", 2)]
            guard let kind = label(labels) else {
                index = saved
                return nil
            }
            return (kind, labelNumber())
        }

        mutating func postRelease() -> VersionNumber? {
            let saved = index
            if peek == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1].isASCIIDigit {
                index += 1
                return number()
            }
            guard label([("post", 0), ("rev", 0), ("r", 0)]) != nil else {
                index = saved
                return nil
            }
            return labelNumber()
        }

        mutating func devRelease() -> VersionNumber? {
            let saved = index
            guard label([("dev", 0)]) != nil else {
                index = saved
                return nil
            }
            return labelNumber()
        }

        mutating func localVersion() -> [LocalSegment]? {
            var segments: [LocalSegment] = []
            while true {
                let start = index
                while index < bytes.count, bytes[index].isASCIIDigit || bytes[index].isASCIILetter { index += 1 }
                guard index > start else { return nil }
                let part = bytes[start..<index]
                if let value = VersionNumber(digits: part) {
                    segments.append(.number(value))
                } else {
                    segments.append(.text(Array(part)))
                }
                guard isSeparator(peek) else { return segments }
                index += 1
            }
        }
    }
}
