/// A version made only of numbers, as R (CRAN) and Haskell (Hackage) write them.
///
/// Parts are compared one by one as numbers; when one version is a prefix of the other,
/// the longer one is newer (`0.1.0 < 0.1.0.0`). CRAN separates parts with `.` or `-`
/// (`0.1-2`), Hackage with `.` only. A string with any other character has no numeric
/// form (`nil`), and the comparator then falls back to the generic ordering.
struct NumericListVersion: Sendable {
    let parts: [VersionNumber]

    /// Parses `string` with the given separators; `nil` if a part is empty or not all digits.
    init?(_ string: String, separators: Set<UInt8>) {
        let trimmed = string.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var parts: [VersionNumber] = []
        for piece in Array(trimmed.utf8).split(omittingEmptySubsequences: false, whereSeparator: {
            separators.contains($0)
        }) {
            guard let number = VersionNumber(digits: piece) else { return nil }
            parts.append(number)
        }
        self.parts = parts
    }

    static func compare(_ a: NumericListVersion, _ b: NumericListVersion) -> Int {
        for (x, y) in zip(a.parts, b.parts) where x != y { return x < y ? -1 : 1 }
        return Ordering.compare(a.parts.count, b.parts.count)
    }
}
