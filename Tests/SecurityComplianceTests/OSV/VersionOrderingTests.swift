import Foundation
import SecurityCompliance
import Testing

@Suite("Version ordering per ecosystem")
struct VersionOrderingTests {
    private func order(_ a: String, _ b: String, _ ecosystem: String) -> ComparisonResult {
        VersionComparator.compare(a, b, ecosystemName: ecosystem)
    }

    @Test("Go pseudo-versions order by timestamp and sit between their base and the next release")
    func goPseudoVersions() {
        #expect(order("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "Go")
            == .orderedAscending)
        #expect(order("v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "Go") == .orderedAscending)
        #expect(order("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", "Go") == .orderedAscending)
        #expect(order("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-beta", "Go") == .orderedAscending)
        #expect(order("v2.0.0+incompatible", "2.0.0", "Go") == .orderedSame)
        #expect(order("v1.10.0", "v1.9.9", "Go") == .orderedDescending)
    }

    @Test("PEP 440 normalises spellings and orders dev < pre < final < post, legacy first")
    func pep440() {
        #expect(order("1.0.0", "1.0", "PyPI") == .orderedSame)
        #expect(order("1.0-ALPHA.1", "1.0a1", "pypi") == .orderedSame)
        #expect(order("1.0.dev1", "1.0a1", "PyPI") == .orderedAscending)
        #expect(order("1.0rc1", "1.0", "PyPI") == .orderedAscending)
        #expect(order("1.0", "1.0.post1", "PyPI") == .orderedAscending)
        #expect(order("1.0-1", "1.0.post1", "PyPI") == .orderedSame)
        #expect(order("2!0.1", "1!9.0", "PyPI") == .orderedDescending)
        #expect(order("1.0+ubuntu.1", "1.0", "PyPI") == .orderedDescending)
        #expect(order("not-a-version", "0.0.1", "PyPI") == .orderedAscending)
    }

    @Test("Debian tilde sorts before the release and epochs dominate")
    func debian() {
        #expect(order("1.0~rc1-1", "1.0-1", "Debian:12") == .orderedAscending)
        #expect(order("1:0.9-1", "2.0-1", "Debian") == .orderedDescending)
        #expect(order("1.2.3-1+deb12u1", "1.2.3-1", "Ubuntu:22.04:LTS") == .orderedDescending)
    }

    @Test("Maven qualifiers order alpha < beta < milestone < rc < snapshot < release < sp")
    func maven() {
        let ordered = ["1.0-alpha-1", "1.0-beta-1", "1.0-milestone-1", "1.0-rc-1", "1.0-SNAPSHOT", "1.0", "1.0-sp-1",
                       "1.0.1"]
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(order(lower, higher, "Maven") == .orderedAscending, "\(lower) < \(higher)")
        }
        #expect(order("1.0.Final", "1.0", "Maven") == .orderedSame)
    }

    @Test("RubyGems prerelease letters sort before the release")
    func rubyGems() {
        #expect(order("2.0.0.rc1", "2.0.0", "RubyGems") == .orderedAscending)
        #expect(order("2.0.0-beta", "2.0.0", "RubyGems") == .orderedAscending)
        #expect(order("1.10", "1.9", "RubyGems") == .orderedDescending)
    }

    @Test("Packagist drops the v prefix and orders stability suffixes")
    func packagist() {
        #expect(order("v2.0.0", "2.0.0", "Packagist") == .orderedSame)
        #expect(order("2.0.0-beta1", "2.0.0-RC1", "Packagist") == .orderedAscending)
        #expect(order("2.0.0-dev", "2.0.0-alpha", "Packagist") == .orderedAscending)
    }

    @Test("NuGet compares four parts and ignores case in labels")
    func nuget() {
        #expect(order("1.0.0.1", "1.0.0", "NuGet") == .orderedDescending)
        #expect(order("1.0.0-RC.1", "1.0.0-rc.1", "NuGet") == .orderedSame)
    }

    @Test("Alpine and RPM distributions use their package managers' orderings")
    func distributions() {
        #expect(order("1.2_rc1-r0", "1.2-r0", "Alpine:v3.18") == .orderedAscending)
        #expect(order("1.2_p1-r0", "1.2-r5", "Alpine") == .orderedDescending)
        #expect(order("1.2.3-r10", "1.2.3-r9", "Wolfi") == .orderedDescending)
        #expect(order("1.0~rc1", "1.0", "Red Hat:enterprise_linux:9") == .orderedAscending)
        #expect(order("2:1.0-1.el9", "3.0-1.el9", "Rocky Linux:9") == .orderedDescending)
    }

    @Test("unknown ecosystems fall back to a natural ordering")
    func genericFallback() {
        #expect(VersionComparator.scheme(forEcosystem: "SomethingNew") == .generic)
        #expect(order("1.10", "1.9", "SomethingNew") == .orderedDescending)
        #expect(order("1.0-rc1", "1.0", "SomethingNew") == .orderedAscending)
        #expect(order("2.0", "2.0.0", "SomethingNew") == .orderedSame)
    }

    @Test("ecosystem strings tolerate suffixes, case and purl type names")
    func ecosystemParsing() {
        #expect(OSVEcosystem(osvName: "Debian:12") == .debian)
        #expect(OSVEcosystem(osvName: "Maven:https://maven.google.com") == .maven)
        #expect(OSVEcosystem(osvName: "pypi") == .pypi)
        #expect(OSVEcosystem(osvName: "cargo") == .cratesIO)
        #expect(OSVEcosystem(osvName: "golang") == .go)
        #expect(OSVEcosystem(osvName: "Nope") == nil)
        #expect(OSVEcosystem.suffix(of: "Ubuntu:22.04:LTS") == "22.04:LTS")
        #expect(OSVEcosystem.pub.versionScheme == .pub)
    }

    @Test("numbers beyond 64 bits compare by value")
    func hugeNumbers() {
        #expect(order("18446744073709551616.0", "18446744073709551615.9", "npm") == .orderedDescending)
        #expect(order("1.0.000000000000000000000000001", "1.0.1", "npm") == .orderedSame)
    }
}
