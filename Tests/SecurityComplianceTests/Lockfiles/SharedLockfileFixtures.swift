import Foundation
import SecurityCompliance

/// Locates and decodes the osv-scalibr lockfile fixtures under `<shared>/eval/lockfiles`.
///
/// The shared root is `$INFINITY_SHARED_DIR`, or `<package root>/../shared` when unset.
enum SharedLockfileFixtures {
    /// `<shared>/eval/lockfiles`.
    static var root: String {
        let shared: String
        if let fromEnvironment = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"], !fromEnvironment.isEmpty {
            shared = fromEnvironment
        } else {
            // Tests/SecurityComplianceTests/Lockfiles/<this file> → package root.
            let packageRoot = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        }
        return shared + "/eval/lockfiles"
    }

    /// True when the fixtures are present.
    static var available: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The format folders and the lockfile kind their fixtures are parsed as.
    static let formats: [(folder: String, kind: LockfileKind)] = [
        ("javascript-packagelockjson", .npmPackageLock),
        ("javascript-yarnlock", .yarnLock),
        ("javascript-pnpmlock", .pnpmLock),
        ("rust-cargolock", .cargoLock),
        ("golang-gomod", .goMod),
        ("ruby-gemfilelock", .gemfileLock),
        ("python-poetrylock", .poetryLock),
        ("python-pipfilelock", .pipfileLock),
        ("python-requirements", .requirementsTxt),
        ("php-composerlock", .composerLock),
        ("java-gradlelockfile", .gradleLockfile),
        ("swift-packageresolved", .packageResolved),
    ]

    /// The expectation files of one format folder, sorted.
    static func expectationFiles(in folder: String) -> [String] {
        let base = root + "/" + folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".expected.json") { files.append(base + "/" + relative) }
        }
        return files.sorted()
    }
}

/// One `<fixture>.expected.json`.
struct FixtureExpectation: Decodable {
    struct Package: Decodable {
        var name: String
        var version: String
        var ecosystem: String?
        var line: Int?
        var locationFile: String?
        var commit: String?
        var depGroups: [String]?

        enum CodingKeys: String, CodingKey {
            case name, version, ecosystem, line, commit, depGroups
            case locationFile = "location_file"
        }
    }

    var ecosystem: String
    var packages: [Package]
    var error: Bool
    var orderSignificant: Bool

    enum CodingKeys: String, CodingKey {
        case ecosystem, packages, error
        case orderSignificant = "order_significant"
    }

    static func load(_ path: String) throws -> FixtureExpectation {
        try JSONDecoder().decode(FixtureExpectation.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Compares what the scanner found in a fixture with its expectation.
enum FixtureComparison {
    /// Human-readable mismatches; empty when the fixture passes.
    static func mismatches(
        expectation: FixtureExpectation, fixture: String,
        packages: [ScannedPackage], diagnostics: [LockfileDiagnostic]
    ) -> [String] {
        var problems: [String] = []
        let errors = diagnostics.filter { $0.severity == .error }
        if expectation.error, errors.isEmpty {
            problems.append("expected an error diagnostic, got none")
        }
        if !expectation.error, !errors.isEmpty {
            problems.append("unexpected error diagnostics: \(errors.map(\.description))")
        }
        let folder = (fixture as NSString).deletingLastPathComponent
        var unmatched = packages
        // Entries that pin more fields are matched first, so a looser one cannot take their package.
        let ordered = expectation.packages.enumerated().sorted { lhs, rhs in
            (lhs.element.line != nil ? 0 : 1, lhs.offset) < (rhs.element.line != nil ? 0 : 1, rhs.offset)
        }
        for (_, expected) in ordered {
            let ecosystem = expected.ecosystem ?? expectation.ecosystem
            let file = expected.locationFile.map { folder + "/" + $0 } ?? fixture
            let index = unmatched.firstIndex { actual in
                actual.name == expected.name && actual.version == expected.version && actual.ecosystem == ecosystem
                    && actual.file == file && (expected.line == nil || actual.line == expected.line)
                    && actual.commit == expected.commit && actual.groups == (expected.depGroups ?? [])
            }
            if let index {
                unmatched.remove(at: index)
            } else {
                let near = packages.filter { $0.name == expected.name }.map(describe)
                problems.append(
                    "missing \(expected.name)@\(expected.version) line \(expected.line.map(String.init) ?? "-") "
                        + "commit \(expected.commit ?? "-") groups \(expected.depGroups ?? []) in \(file); same name: \(near)")
            }
        }
        for extra in unmatched { problems.append("unexpected \(describe(extra))") }
        if expectation.orderSignificant, problems.isEmpty {
            let expectedOrder = expectation.packages.map { "\($0.name)@\($0.version)" }
            let actualOrder = packages.map { "\($0.name)@\($0.version)" }
            if expectedOrder != actualOrder { problems.append("order differs: \(actualOrder) vs \(expectedOrder)") }
        }
        return problems
    }

    static func describe(_ package: ScannedPackage) -> String {
        "\(package.name)@\(package.version) [\(package.ecosystem)] \((package.file as NSString).lastPathComponent):"
            + "\(package.line.map(String.init) ?? "-") commit \(package.commit ?? "-") groups \(package.groups)"
    }
}
