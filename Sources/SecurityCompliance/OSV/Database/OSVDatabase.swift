import Foundation

/// An in-memory, indexed set of OSV advisories that answers "which advisories affect this
/// package version?".
///
/// Advisories are indexed by (ecosystem, normalised package name), so a lookup touches only
/// the advisories of that package; each package's range bounds are pre-sorted, so a lookup
/// costs one binary search per version ordering plus integer comparisons. Matching follows the OSV evaluation rules: a version is
/// affected when it is in an entry's `versions` list or inside one of its `SEMVER`/`ECOSYSTEM`
/// ranges (`GIT` ranges are ignored); withdrawn advisories never match.
///
/// ```swift
/// let (database, diagnostics) = try OSVDatabase.load(from: ".infinity/osv")
/// let matches = database.vulnerabilities(ecosystem: "PyPI", name: "Django", version: "3.2.1")
/// ```
public struct OSVDatabase: Sendable {
    /// The default database folder, relative to the working directory (`--osv-db`).
    public static let defaultFolder = ".infinity/osv"

    /// Every advisory loaded, withdrawn ones included.
    public let vulnerabilities: [OSVVulnerability]
    /// Prepared advisories by ``indexKey(ecosystem:name:)``.
    let index: [String: PackageAdvisories]
    private let positionsByID: [String: Int]

    /// Builds the index over `vulnerabilities` on `concurrency` threads. When an id occurs
    /// more than once, the record with the latest `modified` time is kept.
    public init(vulnerabilities input: [OSVVulnerability],
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        var positions: [String: Int] = [:]
        var kept: [OSVVulnerability] = []
        kept.reserveCapacity(input.count)
        for vulnerability in input {
            if let existing = positions[vulnerability.id] {
                if (vulnerability.modified ?? "") > (kept[existing].modified ?? "") { kept[existing] = vulnerability }
            } else {
                positions[vulnerability.id] = kept.count
                kept.append(vulnerability)
            }
        }
        var entriesByKey: [String: (scheme: VersionScheme, entries: [(advisory: Int, affectedIndex: Int)])] = [:]
        for (position, vulnerability) in kept.enumerated() where vulnerability.withdrawn == nil {
            for (affectedIndex, affected) in vulnerability.affected.enumerated() {
                guard let package = affected.package else { continue }
                let key = OSVDatabase.indexKey(ecosystem: package.ecosystem, name: package.name)
                let scheme = OSVEcosystem(osvName: package.ecosystem)?.versionScheme ?? .generic
                entriesByKey[key, default: (scheme, [])].entries.append((position, affectedIndex))
            }
        }
        // Entries were appended advisory by advisory, so each advisory's entries are contiguous.
        let keys = Array(entriesByKey.keys)
        let slices = OSVDatabaseLoader.split(keys, into: max(1, concurrency))
        let built = ResultSlots<[(String, PackageAdvisories)]>(count: slices.count)
        let advisories = kept
        let grouped = entriesByKey
        DispatchQueue.concurrentPerform(iterations: slices.count) { slot in
            var scoreCache = SeverityResolver.ScoreCache()
            var part: [(String, PackageAdvisories)] = []
            part.reserveCapacity(slices[slot].count)
            for key in slices[slot] {
                guard let value = grouped[key] else { continue }
                part.append((key, PackageAdvisories(entries: value.entries, vulnerabilities: advisories,
                                                    scheme: value.scheme, scoreCache: &scoreCache)))
            }
            built.set(slot, part)
        }
        var index: [String: PackageAdvisories] = [:]
        index.reserveCapacity(keys.count)
        for slot in 0..<slices.count {
            for (key, value) in built.value(slot) ?? [] { index[key] = value }
        }
        self.vulnerabilities = kept
        self.index = index
        self.positionsByID = positions
    }

    /// The number of advisories.
    public var count: Int { vulnerabilities.count }

    /// The number of distinct (ecosystem, package) keys in the index.
    public var packageCount: Int { index.count }

    /// The advisory with `id`, if loaded.
    public func advisory(id: String) -> OSVVulnerability? {
        positionsByID[id].map { vulnerabilities[$0] }
    }

    /// The index key: the ecosystem's canonical name (or the lower-cased base name when
    /// unknown) and the normalised package name.
    static func indexKey(ecosystem: String, name: String) -> String {
        let known = OSVEcosystem(osvName: ecosystem)
        let base = known?.rawValue ?? OSVEcosystem.baseName(of: ecosystem).lowercased()
        return base + "\u{1F}" + PackageNameNormalizer.normalize(name, ecosystem: known)
    }

    /// The advisories affecting `version` of package `name` in `ecosystem`, sorted by id.
    ///
    /// `ecosystem` may carry a suffix (`Debian:12`): then only entries with the same suffix
    /// or none match; without a suffix, entries of every suffix match.
    public func vulnerabilities(ecosystem: String, name: String, version: String) -> [VulnerabilityMatch] {
        guard let package = index[OSVDatabase.indexKey(ecosystem: ecosystem, name: name)] else { return [] }
        let suffix = OSVEcosystem.suffix(of: ecosystem)
        let probe = package.probe(version)
        var matches: [VulnerabilityMatch] = []
        for position in package.groups.indices {
            let group = package.groups[position]
            let fixed: String?
            if let suffix, group.entries.contains(where: { $0.ecosystemSuffix != nil && $0.ecosystemSuffix != suffix }) {
                let entries = group.entries.filter { $0.ecosystemSuffix == nil || $0.ecosystemSuffix == suffix }
                guard entries.contains(where: { $0.contains(probe) }) else { continue }
                fixed = package.nearestFix(PackageAdvisories.union(entries), entries: entries, above: probe)
            } else {
                guard group.entries.contains(where: { $0.contains(probe) }) else { continue }
                fixed = package.nearestFix(group.fixedRanks, entries: group.entries, above: probe)
            }
            matches.append(match(group, fixedVersion: fixed))
        }
        return matches.sorted { $0.id < $1.id }
    }

    private func match(_ group: PackageAdvisories.AdvisoryGroup, fixedVersion: String?) -> VulnerabilityMatch {
        let position = group.advisory
        return VulnerabilityMatch(
            id: vulnerabilities[position].id, aliases: vulnerabilities[position].aliases,
            summary: vulnerabilities[position].summary, severity: group.severity, cvssScore: group.score,
            fixedVersion: fixedVersion, modified: vulnerabilities[position].modified,
            published: vulnerabilities[position].published)
    }

    /// The advisories affecting one package coordinate.
    public func vulnerabilities(for package: some OSVPackageCoordinate) -> [VulnerabilityMatch] {
        vulnerabilities(ecosystem: package.ecosystem, name: package.name, version: package.version)
    }

    /// The advisories affecting each package, in input order; repeated coordinates are matched
    /// once, and distinct ones are matched on `concurrency` threads.
    public func vulnerabilities<C: Collection>(
        for packages: C, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [[VulnerabilityMatch]] where C.Element: OSVPackageCoordinate {
        var positions: [OSVQuery: Int] = [:]
        var distinct: [OSVQuery] = []
        var order: [Int] = []
        order.reserveCapacity(packages.count)
        for package in packages {
            let query = OSVQuery(ecosystem: package.ecosystem, name: package.name, version: package.version)
            if let known = positions[query] {
                order.append(known)
            } else {
                positions[query] = distinct.count
                order.append(distinct.count)
                distinct.append(query)
            }
        }
        let slices = OSVDatabaseLoader.split(distinct, into: distinct.count < 64 ? 1 : max(1, concurrency))
        let found = ResultSlots<[[VulnerabilityMatch]]>(count: slices.count)
        DispatchQueue.concurrentPerform(iterations: slices.count) { slot in
            found.set(slot, slices[slot].map { vulnerabilities(for: $0) })
        }
        var answers: [[VulnerabilityMatch]] = []
        answers.reserveCapacity(distinct.count)
        for slot in 0..<slices.count { answers += found.value(slot) ?? slices[slot].map { vulnerabilities(for: $0) } }
        return order.map { answers[$0] }
    }

    /// The smallest `fixed` version above `version` that none of the package's advisories
    /// affects, or `nil` when there is none (or the version is not affected at all).
    public func nearestSafeVersion(ecosystem: String, name: String, version: String) -> String? {
        guard let package = index[OSVDatabase.indexKey(ecosystem: ecosystem, name: name)] else { return nil }
        let suffix = OSVEcosystem.suffix(of: ecosystem)
        let entries = package.groups.flatMap(\.entries)
            .filter { suffix == nil || $0.ecosystemSuffix == nil || $0.ecosystemSuffix == suffix }
        let probe = package.probe(version)
        guard entries.contains(where: { $0.contains(probe) }) else { return nil }
        return package.nearestFix(PackageAdvisories.union(entries), entries: entries, above: probe)
    }
}
