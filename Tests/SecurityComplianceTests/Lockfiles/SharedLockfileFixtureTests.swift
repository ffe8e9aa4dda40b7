import Foundation
import SecurityCompliance
import Testing

/// Every osv-scalibr fixture in the shared eval folder must yield exactly its expected packages.
@Suite(
    "Shared osv-scalibr lockfile fixtures",
    .enabled(
        if: SharedLockfileFixtures.available,
        "shared lockfile fixtures not found: set INFINITY_SHARED_DIR to the folder holding eval/lockfiles")
)
struct SharedLockfileFixtureTests {
    @Test(
        "each fixture yields exactly the expected packages, lines and errors",
        arguments: SharedLockfileFixtures.formats.map(\.folder))
    func fixturesOfFormatMatchExpectations(folder: String) throws {
        let kind = try #require(SharedLockfileFixtures.formats.first { $0.folder == folder }?.kind)
        let files = SharedLockfileFixtures.expectationFiles(in: folder)
        #expect(!files.isEmpty, "no expectations in \(folder)")
        let scanner = LockfileScanner()
        var passed = 0
        for expectationFile in files {
            let fixture = String(expectationFile.dropLast(".expected.json".count))
            let expectation = try FixtureExpectation.load(expectationFile)
            let (packages, diagnostics) = scanner.parse(fileAt: fixture, as: kind)
            let problems = FixtureComparison.mismatches(
                expectation: expectation, fixture: fixture, packages: packages, diagnostics: diagnostics)
            #expect(problems.isEmpty, "\(folder)/\((fixture as NSString).lastPathComponent): \(problems.joined(separator: "; "))")
            if problems.isEmpty { passed += 1 }
        }
        print("lockfile fixtures \(folder): \(passed)/\(files.count) passed")
    }

    @Test("fixtures expected to fail give an error diagnostic that names the file")
    func malformedFixturesNameTheirFile() throws {
        let scanner = LockfileScanner()
        var checked = 0
        for (folder, kind) in SharedLockfileFixtures.formats {
            for expectationFile in SharedLockfileFixtures.expectationFiles(in: folder) {
                let expectation = try FixtureExpectation.load(expectationFile)
                guard expectation.error else { continue }
                let fixture = String(expectationFile.dropLast(".expected.json".count))
                let (_, diagnostics) = scanner.parse(fileAt: fixture, as: kind)
                let error = diagnostics.first { $0.severity == .error }
                #expect(error?.file == fixture, "\(fixture): \(diagnostics)")
                checked += 1
            }
        }
        #expect(checked == 13)
    }
}
