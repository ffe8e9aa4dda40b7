/// Everything the index holds for one (ecosystem, package): bound tables and the
/// advisories grouped with their prepared entries, severity and sorted fixed versions.
struct PackageAdvisories: Sendable {
    /// Table 0 uses the ecosystem's ordering; table 1, when present, SemVer (for `SEMVER`
    /// ranges in an ecosystem with another ordering).
    let tables: [BoundTable]
    let groups: [AdvisoryGroup]

    /// One advisory's entries for this package.
    struct AdvisoryGroup: Sendable {
        let advisory: Int
        let entries: [AffectedRangeSet]
        let severity: AdvisorySeverity?
        let score: Double?
        /// Doubled ranks in table 0 of the entries' `fixed` versions, ascending, distinct.
        let fixedRanks: [Int]
    }

    /// Prepares the `affected[]` entries (given as advisory position and entry position) of one package.
    init(entries raw: [(advisory: Int, affectedIndex: Int)], vulnerabilities: [OSVVulnerability],
         scheme: VersionScheme, scoreCache: inout SeverityResolver.ScoreCache) {
        var ecosystemBounds: [String] = []
        var semverBounds: [String] = []
        for (advisory, affectedIndex) in raw {
            for range in vulnerabilities[advisory].affected[affectedIndex].ranges where range.type != .git {
                let versions = range.events.compactMap { event -> String? in
                    switch event {
                    case .introduced(let version) where version.trimmingASCIIWhitespace() == "0": return nil
                    case .limit(let version) where version.contains("*"): return nil
                    default: return event.version
                    }
                }
                if range.type == .semver, scheme != .semver {
                    semverBounds += versions
                    // Fixed versions of SEMVER ranges are also fix candidates in the ecosystem order.
                    ecosystemBounds += range.events.compactMap { if case .fixed(let v) = $0 { v } else { nil } }
                } else {
                    ecosystemBounds += versions
                }
            }
        }
        var tables = [BoundTable(scheme: scheme, versions: ecosystemBounds)]
        if !semverBounds.isEmpty { tables.append(BoundTable(scheme: .semver, versions: semverBounds)) }
        self.tables = tables

        var groups: [AdvisoryGroup] = []
        var start = 0
        while start < raw.count {
            var end = start + 1
            while end < raw.count, raw[end].advisory == raw[start].advisory { end += 1 }
            let advisory = raw[start].advisory
            let vulnerability = vulnerabilities[advisory]
            var entries: [AffectedRangeSet] = []
            for (_, affectedIndex) in raw[start..<end] {
                let affected = vulnerability.affected[affectedIndex]
                var ranges: [PreparedRange] = []
                var fixed = Set<Int>()
                for range in affected.ranges where range.type != .git {
                    let table = (range.type == .semver && scheme != .semver) ? 1 : 0
                    let prepared = PreparedRange(events: range.events, table: table) { tables[table].position(of: $0) }
                    ranges.append(prepared)
                    if table == 0 {
                        fixed.formUnion(prepared.fixedRanks)
                    } else {
                        for case .fixed(let version) in range.events { fixed.insert(tables[0].position(of: version)) }
                    }
                }
                entries.append(AffectedRangeSet(
                    advisory: advisory, affectedIndex: affectedIndex,
                    ecosystemSuffix: affected.package.flatMap { OSVEcosystem.suffix(of: $0.ecosystem) },
                    versionKeys: Set(affected.versions.map(AffectedRangeSet.versionKey)), ranges: ranges,
                    fixedRanks: fixed.sorted()))
            }
            let resolved = SeverityResolver.resolve(
                vulnerability, affected: entries.map { vulnerability.affected[$0.affectedIndex] }, cache: &scoreCache)
            groups.append(AdvisoryGroup(advisory: advisory, entries: entries, severity: resolved.level,
                                        score: resolved.score, fixedRanks: PackageAdvisories.union(entries)))
            start = end
        }
        self.groups = groups
    }

    /// The distinct fixed ranks of `entries`, ascending.
    static func union(_ entries: [AffectedRangeSet]) -> [Int] {
        entries.count == 1 ? entries[0].fixedRanks : Set(entries.flatMap(\.fixedRanks)).sorted()
    }

    /// A probe for an installed version of this package.
    func probe(_ version: String) -> VersionProbe { VersionProbe(version, tables: tables) }

    /// The first of `fixedRanks` above the probe's position that none of `entries` contains.
    func nearestFix(_ fixedRanks: [Int], entries: [AffectedRangeSet], above probe: VersionProbe) -> String? {
        let current = probe.position(in: 0)
        for rank in fixedRanks where rank > current {
            let candidate = VersionProbe(bound: tables[0].bounds[rank / 2], position: rank, tables: tables)
            if !entries.contains(where: { $0.contains(candidate) }) { return candidate.original }
        }
        return nil
    }
}
