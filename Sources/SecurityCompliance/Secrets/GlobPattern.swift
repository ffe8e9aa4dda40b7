/// A path glob: `**` matches any number of folders, `*` any run of characters but `/`,
/// `?` one character but `/`. A pattern without `/` matches the last path component.
struct GlobPattern: Sendable, Hashable {
    private let pattern: [UInt8]
    private let matchesBaseName: Bool

    init(_ pattern: String) {
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        self.pattern = Array(text.utf8)
        self.matchesBaseName = !text.contains("/")
    }

    func matches(_ path: String) -> Bool {
        var subject = Array(path.utf8)
        if matchesBaseName, let slash = subject.lastIndex(of: UInt8(ascii: "/")) {
            subject = Array(subject[(slash + 1)...])
        }
        if Self.match(pattern[...], subject[...]) { return true }
        // A relative pattern also matches at any folder boundary of the path.
        if !matchesBaseName, pattern.first != UInt8(ascii: "/") {
            for (index, byte) in subject.enumerated() where byte == UInt8(ascii: "/") {
                if Self.match(pattern[...], subject[(index + 1)...]) { return true }
            }
        }
        return false
    }

    /// Iterative wildcard matching with single-star backtracking and `**` across folders.
    private static func match(_ pattern: ArraySlice<UInt8>, _ subject: ArraySlice<UInt8>) -> Bool {
        let p = Array(pattern), s = Array(subject)
        var pi = 0, si = 0
        var starP = -1, starS = -1, starCrossesSlash = false
        let slash = UInt8(ascii: "/")
        while si < s.count {
            if pi < p.count, p[pi] == UInt8(ascii: "*") {
                var crosses = false
                if pi + 1 < p.count, p[pi + 1] == UInt8(ascii: "*") {
                    crosses = true
                    pi += 2
                    if pi < p.count, p[pi] == slash { pi += 1 }
                } else {
                    pi += 1
                }
                starP = pi
                starS = si
                starCrossesSlash = crosses
                continue
            }
            if pi < p.count, p[pi] == s[si] || (p[pi] == UInt8(ascii: "?") && s[si] != slash) {
                pi += 1
                si += 1
                continue
            }
            if starP >= 0, starCrossesSlash || s[starS] != slash {
                starS += 1
                si = starS
                pi = starP
                continue
            }
            return false
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
