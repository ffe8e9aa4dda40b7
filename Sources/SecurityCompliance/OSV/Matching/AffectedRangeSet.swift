/// One `affected[]` entry prepared for fast matching: range events as ranks in the
/// package's ``BoundTable``s, and normalised explicit versions.
struct AffectedRangeSet: Sendable {
    /// Position of the advisory in ``OSVDatabase/vulnerabilities``.
    let advisory: Int
    /// Position of the entry in the advisory's `affected[]`.
    let affectedIndex: Int
    /// The `:suffix` of the entry's ecosystem (`12` in `Debian:12`), if any.
    let ecosystemSuffix: String?
    /// Explicit versions, normalised with ``versionKey(_:)``.
    let versionKeys: Set<String>
    let ranges: [PreparedRange]
    /// Doubled ranks in the package's table 0 (ecosystem ordering) of every `fixed` version
    /// of this entry, whatever the range type; ascending, distinct.
    let fixedRanks: [Int]

    /// The key explicit versions are compared by: trimmed, lower-cased, a `v` before a digit dropped.
    static func versionKey(_ version: String) -> String {
        var key = version.trimmingASCIIWhitespace().lowercased()
        if key.count > 1, key.hasPrefix("v"), let second = key.dropFirst().first, second.isASCII, second.isNumber {
            key.removeFirst()
        }
        return key
    }

    /// Whether the probed version is affected by this entry.
    func contains(_ probe: VersionProbe) -> Bool {
        if !versionKeys.isEmpty, versionKeys.contains(probe.key) { return true }
        for index in ranges.indices where ranges[index].contains(probe.position(in: ranges[index].table)) {
            return true
        }
        return false
    }
}

/// A range's events as ranks in one bound table, sorted, with `limit` events split off.
struct PreparedRange: Sendable {
    enum Kind: UInt8, Sendable {
        case introducedZero, introduced, fixed, lastAffected
    }

    /// Which of the package's bound tables the ranks refer to.
    let table: Int
    let kinds: [Kind]
    /// Doubled ranks (`2r + 1`) of the events' versions; 0 for `introduced: "0"`.
    let ranks: [Int]
    /// Doubled ranks of `limit` events other than `*`.
    let limits: [Int]
    /// Doubled ranks of the `fixed` events.
    var fixedRanks: [Int] { zip(kinds, ranks).compactMap { $0 == .fixed ? $1 : nil } }

    /// Prepares `events`, ranking versions with `rank` (which must know every event version).
    init(events: [OSVEvent], table: Int, rank: (String) -> Int) {
        self.table = table
        var items: [(kind: Kind, rank: Int, order: Int)] = []
        var limits: [Int] = []
        for (order, event) in events.enumerated() {
            switch event {
            case .introduced(let version):
                if version.trimmingASCIIWhitespace() == "0" {
                    items.append((.introducedZero, 0, order))
                } else {
                    items.append((.introduced, rank(version), order))
                }
            case .fixed(let version): items.append((.fixed, rank(version), order))
            case .lastAffected(let version): items.append((.lastAffected, rank(version), order))
            case .limit(let version): if !version.contains("*") { limits.append(rank(version)) }
            }
        }
        items.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.order < $1.order }
        kinds = items.map(\.kind)
        ranks = items.map(\.rank)
        self.limits = limits
    }

    /// The OSV evaluation for a version at doubled `position`: below some limit (if any),
    /// then the sorted events decide.
    func contains(_ position: Int) -> Bool {
        if !limits.isEmpty, !limits.contains(where: { position < $0 }) { return false }
        var vulnerable = false
        for index in kinds.indices {
            switch kinds[index] {
            case .introducedZero: vulnerable = true
            case .introduced: if position >= ranks[index] { vulnerable = true }
            case .fixed: if position >= ranks[index] { vulnerable = false }
            case .lastAffected: if position > ranks[index] { vulnerable = false }
            }
        }
        return vulnerable
    }
}
