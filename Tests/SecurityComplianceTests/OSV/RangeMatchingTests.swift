import SecurityCompliance
import Testing

@Suite("OSV range semantics")
struct RangeMatchingTests {
    private func ids(_ database: OSVDatabase, _ ecosystem: String, _ name: String, _ version: String) -> [String] {
        database.vulnerabilities(ecosystem: ecosystem, name: name, version: version).map(\.id)
    }

    @Test("introduced 0 affects everything before the fix")
    func introducedZero() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-1", ecosystem: "npm", name: "lodash",
                               ranges: [OSVSample.range(.semver, .introduced("0"), .fixed("4.17.21"))]),
        ])
        #expect(ids(database, "npm", "lodash", "0.0.1") == ["A-1"])
        #expect(ids(database, "npm", "lodash", "4.17.20") == ["A-1"])
        #expect(ids(database, "npm", "lodash", "4.17.21-beta.1") == ["A-1"])
        #expect(ids(database, "npm", "lodash", "4.17.21").isEmpty)
        #expect(ids(database, "npm", "lodash", "5.0.0").isEmpty)
    }

    @Test("several introduced/fixed pairs leave the gaps unaffected, listed in any order")
    func multiplePairsUnsorted() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-2", ecosystem: "PyPI", name: "django", ranges: [
                OSVSample.range(.ecosystem, .fixed("3.2.5"), .introduced("3.0"), .fixed("1.0.2"), .introduced("1.0")),
            ]),
        ])
        #expect(ids(database, "PyPI", "django", "0.9").isEmpty)
        #expect(ids(database, "PyPI", "django", "1.0") == ["A-2"])
        #expect(ids(database, "PyPI", "django", "1.0.1") == ["A-2"])
        #expect(ids(database, "PyPI", "django", "1.0.2").isEmpty)
        #expect(ids(database, "PyPI", "django", "2.9").isEmpty)
        #expect(ids(database, "PyPI", "django", "3.0.0") == ["A-2"])
        #expect(ids(database, "PyPI", "django", "3.2.5").isEmpty)
        let match = database.vulnerabilities(ecosystem: "PyPI", name: "django", version: "3.1")
        #expect(match.first?.fixedVersion == "3.2.5")
        #expect(database.vulnerabilities(ecosystem: "PyPI", name: "django", version: "1.0.1").first?.fixedVersion
            == "1.0.2")
    }

    @Test("last_affected is inclusive and gives no fixed version")
    func lastAffectedInclusive() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-3", ecosystem: "Maven", name: "org.example:lib",
                               ranges: [OSVSample.range(.ecosystem, .introduced("1.0"), .lastAffected("2.1.214"))]),
        ])
        #expect(ids(database, "Maven", "org.example:lib", "2.1.214") == ["A-3"])
        #expect(ids(database, "Maven", "org.example:lib", "2.1.214.1").isEmpty)
        #expect(ids(database, "Maven", "org.example:lib", "0.9").isEmpty)
        let match = database.vulnerabilities(ecosystem: "Maven", name: "org.example:lib", version: "2.0")
        #expect(match.count == 1)
        #expect(match.first?.fixedVersion == nil)
    }

    @Test("a limit caps the range; limit * does not")
    func limits() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-4", ecosystem: "crates.io", name: "tokio",
                               ranges: [OSVSample.range(.semver, .introduced("1.0.0"), .limit("1.5.0"))]),
            OSVSample.advisory("A-5", ecosystem: "crates.io", name: "tokio",
                               ranges: [OSVSample.range(.semver, .introduced("1.0.0"), .limit("*"))]),
        ])
        #expect(ids(database, "crates.io", "tokio", "1.4.9") == ["A-4", "A-5"])
        #expect(ids(database, "crates.io", "tokio", "1.5.0") == ["A-5"])
        #expect(ids(database, "crates.io", "tokio", "0.9.0").isEmpty)
    }

    @Test("an explicit versions list matches without ranges, normalising a v prefix and case")
    func versionsListOnly() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-6", ecosystem: "Go", name: "github.com/example/mod", versions: ["1.2.3", "1.2.4"]),
        ])
        #expect(ids(database, "Go", "github.com/example/mod", "v1.2.3") == ["A-6"])
        #expect(ids(database, "Go", "github.com/example/mod", "1.2.4") == ["A-6"])
        #expect(ids(database, "Go", "github.com/example/mod", "1.2.5").isEmpty)
    }

    @Test("withdrawn advisories never match")
    func withdrawnIgnored() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-7", ecosystem: "npm", name: "left-pad",
                               ranges: [OSVSample.range(.semver, .introduced("0"))],
                               withdrawn: "2024-02-01T00:00:00Z"),
        ])
        #expect(ids(database, "npm", "left-pad", "1.0.0").isEmpty)
        #expect(database.advisory(id: "A-7") != nil)
    }

    @Test("an ecosystem suffix on the query selects entries of that release or of none")
    func ecosystemSuffix() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("DSA-1", ecosystem: "Debian:11", name: "openssl",
                               ranges: [OSVSample.range(.ecosystem, .introduced("0"), .fixed("1.1.1n-0+deb11u1"))]),
            OSVSample.advisory("DSA-2", ecosystem: "Debian:12", name: "openssl",
                               ranges: [OSVSample.range(.ecosystem, .introduced("0"), .fixed("3.0.11-1~deb12u2"))]),
        ])
        #expect(ids(database, "Debian:11", "openssl", "1.1.1k-1") == ["DSA-1"])
        #expect(ids(database, "Debian:12", "openssl", "3.0.11-1~deb12u1") == ["DSA-2"])
        #expect(ids(database, "Debian", "openssl", "1.0.0-1") == ["DSA-1", "DSA-2"])
        #expect(ids(database, "Debian:12", "openssl", "3.0.11-1").isEmpty)
    }

    @Test("one advisory with per-release entries offers each release its own fixed version")
    func perReleaseFixedVersions() {
        let advisory = OSVVulnerability(id: "USN-1", affected: [
            OSVAffected(package: OSVPackage(ecosystem: "Ubuntu:20.04:LTS", name: "curl"),
                        ranges: [OSVSample.range(.ecosystem, .introduced("0"), .fixed("7.68.0-1ubuntu2.20"))]),
            OSVAffected(package: OSVPackage(ecosystem: "Ubuntu:22.04:LTS", name: "curl"),
                        ranges: [OSVSample.range(.ecosystem, .introduced("0"), .fixed("7.81.0-1ubuntu1.15"))]),
        ])
        let database = OSVDatabase(vulnerabilities: [advisory])
        #expect(database.vulnerabilities(ecosystem: "Ubuntu:20.04:LTS", name: "curl", version: "7.68.0-1ubuntu2.18")
            .first?.fixedVersion == "7.68.0-1ubuntu2.20")
        #expect(database.vulnerabilities(ecosystem: "Ubuntu:22.04:LTS", name: "curl", version: "7.81.0-1ubuntu1.10")
            .first?.fixedVersion == "7.81.0-1ubuntu1.15")
        #expect(database.vulnerabilities(ecosystem: "Ubuntu:22.04:LTS", name: "curl", version: "7.81.0-1ubuntu1.15")
            .isEmpty)
        #expect(database.nearestSafeVersion(ecosystem: "Ubuntu:20.04:LTS", name: "curl", version: "7.68.0-1ubuntu2.1")
            == "7.68.0-1ubuntu2.20")
    }

    @Test("SEMVER ranges order by SemVer even in a PyPI advisory; GIT ranges are ignored")
    func rangeTypes() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-8", ecosystem: "PyPI", name: "pkg", ranges: [
                OSVSample.range(.semver, .introduced("0"), .fixed("1.0.0")),
                OSVSample.range(.git, .introduced("0"), .fixed("abc123")),
            ]),
            OSVSample.advisory("A-9", ecosystem: "PyPI", name: "pkg", ranges: [
                OSVSample.range(.ecosystem, .introduced("0"), .fixed("1.0.0")),
            ]),
        ])
        // "1.0.0-1" is a pre-release of 1.0.0 in SemVer but the post-release 1.0.0.post1 in PEP 440.
        #expect(ids(database, "PyPI", "pkg", "1.0.0-1") == ["A-8"])
        #expect(ids(database, "PyPI", "pkg", "0.9") == ["A-8", "A-9"])
        let onlyGit = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("A-10", ecosystem: "PyPI", name: "pkg",
                               ranges: [OSVSample.range(.git, .introduced("0"))]),
        ])
        #expect(ids(onlyGit, "PyPI", "pkg", "1.0.0").isEmpty)
    }

    @Test("package names meet per ecosystem: PEP 503 for PyPI, case-sensitive npm scopes, Maven coordinates")
    func nameNormalisation() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("P-1", ecosystem: "PyPI", name: "Zope.Interface",
                               ranges: [OSVSample.range(.ecosystem, .introduced("0"))]),
            OSVSample.advisory("N-1", ecosystem: "npm", name: "@Scope/Pkg",
                               ranges: [OSVSample.range(.semver, .introduced("0"))]),
            OSVSample.advisory("M-1", ecosystem: "Maven", name: "org.apache.logging.log4j:log4j-core",
                               ranges: [OSVSample.range(.ecosystem, .introduced("2.0"), .fixed("2.15.0"))]),
            OSVSample.advisory("G-1", ecosystem: "NuGet", name: "Newtonsoft.Json",
                               ranges: [OSVSample.range(.ecosystem, .introduced("0"), .fixed("13.0.1"))]),
        ])
        #expect(ids(database, "PyPI", "zope_interface", "5.0") == ["P-1"])
        #expect(ids(database, "pypi", "ZOPE--interface", "5.0") == ["P-1"])
        #expect(ids(database, "npm", "@Scope/Pkg", "1.0.0") == ["N-1"])
        #expect(ids(database, "npm", "@scope/pkg", "1.0.0").isEmpty)
        #expect(ids(database, "Maven", " org.apache.logging.log4j : log4j-core ", "2.14.1") == ["M-1"])
        #expect(ids(database, "NuGet", "newtonsoft.json", "12.0.3") == ["G-1"])
        #expect(ids(database, "Go", "org.apache.logging.log4j:log4j-core", "2.14.1").isEmpty)
    }

    @Test("the fixed version offered is the nearest one above the installed version that is not affected")
    func nearestFixedVersion() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("F-1", ecosystem: "RubyGems", name: "rails", ranges: [
                OSVSample.range(.ecosystem, .introduced("0"), .fixed("5.2.8")),
                OSVSample.range(.ecosystem, .introduced("6.0.0"), .fixed("6.0.6")),
                OSVSample.range(.ecosystem, .introduced("6.1.0"), .fixed("6.1.7")),
            ]),
            OSVSample.advisory("F-2", ecosystem: "RubyGems", name: "rails", ranges: [
                OSVSample.range(.ecosystem, .introduced("6.0.0"), .fixed("6.0.5")),
                OSVSample.range(.ecosystem, .introduced("6.0.6"), .fixed("6.1.8")),
            ]),
        ])
        let matches = database.vulnerabilities(ecosystem: "RubyGems", name: "rails", version: "6.0.3")
        #expect(matches.map(\.id) == ["F-1", "F-2"])
        #expect(matches.first { $0.id == "F-1" }?.fixedVersion == "6.0.6")
        // F-2 is fixed in 6.0.5 (6.0.6 re-introduces it), so 6.0.5 is its nearest fix.
        #expect(matches.first { $0.id == "F-2" }?.fixedVersion == "6.0.5")
        // No single version below 6.1.8 fixes both.
        #expect(database.nearestSafeVersion(ecosystem: "RubyGems", name: "rails", version: "6.0.3") == "6.1.8")
        #expect(database.nearestSafeVersion(ecosystem: "RubyGems", name: "rails", version: "7.0.0") == nil)
    }

    @Test("matches carry aliases, summary and severity")
    func matchContents() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("S-1", ecosystem: "npm", name: "x",
                               ranges: [OSVSample.range(.semver, .introduced("0"), .fixed("1.0.0"))],
                               severity: [OSVSeverityScore(type: "CVSS_V3",
                                                           score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]),
        ])
        let match = database.vulnerabilities(ecosystem: "npm", name: "x", version: "0.5.0")
        #expect(match == [VulnerabilityMatch(id: "S-1", aliases: ["CVE-S-1"], summary: "summary of S-1",
                                             severity: .critical, cvssScore: 9.8, fixedVersion: "1.0.0",
                                             modified: "2024-01-01T00:00:00Z", published: nil)])
    }

    @Test("batch matching keeps input order and answers repeated coordinates alike")
    func batchMatching() {
        let database = OSVDatabase(vulnerabilities: [
            OSVSample.advisory("B-1", ecosystem: "npm", name: "a",
                               ranges: [OSVSample.range(.semver, .introduced("0"), .fixed("2.0.0"))]),
        ])
        let packages = [
            OSVQuery(ecosystem: "npm", name: "a", version: "1.0.0"),
            OSVQuery(ecosystem: "npm", name: "b", version: "1.0.0"),
            OSVQuery(ecosystem: "npm", name: "a", version: "1.0.0"),
            OSVQuery(ecosystem: "npm", name: "a", version: "2.0.0"),
        ]
        let results = database.vulnerabilities(for: packages)
        #expect(results.map { $0.map(\.id) } == [["B-1"], [], ["B-1"], []])
    }

    @Test("a duplicated id keeps the most recently modified record")
    func duplicateIDs() {
        let old = OSVSample.advisory("D-1", ecosystem: "npm", name: "a",
                                     ranges: [OSVSample.range(.semver, .introduced("0"), .fixed("1.0.0"))],
                                     modified: "2023-01-01T00:00:00Z")
        let new = OSVSample.advisory("D-1", ecosystem: "npm", name: "a",
                                     ranges: [OSVSample.range(.semver, .introduced("0"), .fixed("2.0.0"))],
                                     modified: "2024-01-01T00:00:00Z")
        for order in [[old, new], [new, old]] {
            let database = OSVDatabase(vulnerabilities: order)
            #expect(database.count == 1)
            #expect(database.vulnerabilities(ecosystem: "npm", name: "a", version: "1.5.0").first?.fixedVersion
                == "2.0.0")
        }
    }
}
