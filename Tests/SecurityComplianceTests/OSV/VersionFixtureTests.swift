import Foundation
import SecurityCompliance
import Testing

/// Runs every comparison of the osv-scalibr version fixtures (Apache-2.0, read at run time
/// from the shared folder, never copied) against ``VersionComparator``.
@Suite("OSV version ordering fixtures", .enabled(if: SharedFixtures.hasOSVVersions,
                                               "shared eval/osv-versions folder not found; set INFINITY_SHARED_DIR"))
struct VersionFixtureTests {
    /// A fixture file and the OSV ecosystem names it is checked against.
    struct Fixture: Sendable, CustomStringConvertible {
        let file: String
        let ecosystems: [String]
        var description: String { file }
    }

    static let fixtures: [Fixture] = [
        Fixture(file: "semver-versions.txt", ecosystems: ["npm", "crates.io", "Go", "Hex", "SwiftURL"]),
        Fixture(file: "pypi-versions.txt", ecosystems: ["PyPI"]),
        Fixture(file: "maven-versions.txt", ecosystems: ["Maven"]),
        Fixture(file: "packagist-versions.txt", ecosystems: ["Packagist"]),
        Fixture(file: "rubygems-versions.txt", ecosystems: ["RubyGems"]),
        Fixture(file: "nuget-versions.txt", ecosystems: ["NuGet"]),
        Fixture(file: "pub-versions.txt", ecosystems: ["Pub"]),
        Fixture(file: "cran-versions.txt", ecosystems: ["CRAN"]),
        Fixture(file: "hackage-versions.txt", ecosystems: ["Hackage"]),
        Fixture(file: "debian-versions.txt", ecosystems: ["Debian", "Ubuntu:22.04:LTS"]),
        Fixture(file: "generated/cran-versions-generated.txt", ecosystems: ["CRAN"]),
        Fixture(file: "generated/debian-versions-generated.txt", ecosystems: ["Debian:12"]),
        Fixture(file: "generated/maven-versions-generated.txt", ecosystems: ["Maven"]),
        Fixture(file: "generated/packagist-versions-generated.txt", ecosystems: ["Packagist"]),
        Fixture(file: "generated/pypi-versions-generated.txt", ecosystems: ["PyPI"]),
        Fixture(file: "generated/rubygems-versions-generated.txt", ecosystems: ["RubyGems"]),
    ]

    /// One `A OP B` line.
    struct Case {
        let line: Int
        let left: String
        let op: String
        let right: String
    }

    /// Parses a fixture the way upstream's runner does: blank lines and `# `/`// ` comments are skipped.
    static func cases(in file: String) throws -> [Case] {
        let text = try String(contentsOf: SharedFixtures.osvVersions.appendingPathComponent(file), encoding: .utf8)
        var result: [Case] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("# ") || line.hasPrefix("// ") { continue }
            let pieces = line.split(separator: " ", omittingEmptySubsequences: false)
            guard pieces.count == 3 else {
                Issue.record("\(file):\(offset + 1): malformed fixture line '\(line)'")
                continue
            }
            result.append(Case(line: offset + 1, left: String(pieces[0]), op: String(pieces[1]),
                               right: String(pieces[2])))
        }
        return result
    }

    static func expected(_ op: String) -> ComparisonResult? {
        switch op {
        case "<": return .orderedAscending
        case "=": return .orderedSame
        case ">": return .orderedDescending
        default: return nil
        }
    }

    static func reversed(_ result: ComparisonResult) -> ComparisonResult {
        switch result {
        case .orderedAscending: return .orderedDescending
        case .orderedDescending: return .orderedAscending
        case .orderedSame: return .orderedSame
        }
    }

    @Test("every fixture line compares as stated, both ways", arguments: fixtures)
    func fixtureFileOrdersAsStated(_ fixture: Fixture) throws {
        let cases = try Self.cases(in: fixture.file)
        #expect(!cases.isEmpty, "no comparisons read from \(fixture.file)")
        var failures: [String] = []
        for ecosystem in fixture.ecosystems {
            for item in cases {
                guard let expected = Self.expected(item.op) else {
                    failures.append("\(fixture.file):\(item.line): unknown operator \(item.op)")
                    continue
                }
                let forward = VersionComparator.compare(item.left, item.right, ecosystemName: ecosystem)
                let backward = VersionComparator.compare(item.right, item.left, ecosystemName: ecosystem)
                if forward != expected || backward != Self.reversed(expected) {
                    failures.append("\(fixture.file):\(item.line) [\(ecosystem)]: \(item.left) \(item.op) "
                        + "\(item.right) but got \(forward.rawValue)/\(backward.rawValue)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failing comparisons:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
