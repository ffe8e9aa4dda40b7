/// The distinct range bounds of one package in one version ordering, sorted, so that each
/// bound is a rank and an installed version is placed among them with one binary search.
///
/// Positions are doubled: bound `r` sits at `2r + 1`, and a version strictly between
/// bounds `r - 1` and `r` sits at `2r`. Then `v >= bound` is `position(v) >= rank`, and
/// `v > bound` is `position(v) > rank`: range evaluation needs no version comparison.
struct BoundTable: Sendable {
    let scheme: VersionScheme
    /// Ascending, no two comparing equal.
    let bounds: [ParsedVersion]

    /// Sorts and de-duplicates `versions` in `scheme`.
    init(scheme: VersionScheme, versions: [String]) {
        self.scheme = scheme
        var seen = Set<String>()
        let parsed = versions.filter { seen.insert($0).inserted }.map { ParsedVersion($0, scheme: scheme) }
            .sorted { $0.compare(to: $1) < 0 }
        var distinct: [ParsedVersion] = []
        distinct.reserveCapacity(parsed.count)
        for version in parsed where distinct.last.map({ $0.compare(to: version) != 0 }) ?? true {
            distinct.append(version)
        }
        bounds = distinct
    }

    /// The doubled position of `version` among the bounds.
    func position(of version: ParsedVersion) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if bounds[middle].compare(to: version) < 0 { low = middle + 1 } else { high = middle }
        }
        if low < bounds.count, bounds[low].compare(to: version) == 0 { return 2 * low + 1 }
        return 2 * low
    }

    /// The doubled position of a version string parsed in this table's ordering.
    func position(of version: String) -> Int {
        position(of: ParsedVersion(version, scheme: scheme))
    }
}

/// A version placed in a package's bound tables, computed lazily per table.
final class VersionProbe {
    let original: String
    /// The key explicit `versions` lists are compared by.
    let key: String
    private let tables: [BoundTable]
    private var positions: [Int?]

    /// A probe for an installed version string.
    init(_ version: String, tables: [BoundTable]) {
        original = version
        key = AffectedRangeSet.versionKey(version)
        self.tables = tables
        positions = Array(repeating: nil, count: tables.count)
    }

    /// A probe for a bound of table 0 whose position is already known.
    init(bound: ParsedVersion, position: Int, tables: [BoundTable]) {
        original = bound.original
        key = AffectedRangeSet.versionKey(bound.original)
        self.tables = tables
        positions = Array(repeating: nil, count: tables.count)
        if !positions.isEmpty { positions[0] = position }
    }

    /// The doubled position in table `table`.
    func position(in table: Int) -> Int {
        if let known = positions[table] { return known }
        let computed = tables[table].position(of: original)
        positions[table] = computed
        return computed
    }
}
