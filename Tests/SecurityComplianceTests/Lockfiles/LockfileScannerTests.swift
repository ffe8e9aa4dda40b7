import Foundation
import SecurityCompliance
import Testing

@Suite("LockfileScanner discovery and robustness")
struct LockfileScannerTests {
    @Test("lockfile kinds are detected from file names")
    func kindDetection() {
        let expected: [String: LockfileKind?] = [
            "package-lock.json": .npmPackageLock, "npm-shrinkwrap.json": .npmPackageLock, "yarn.lock": .yarnLock,
            "pnpm-lock.yaml": .pnpmLock, "Cargo.lock": .cargoLock, "go.mod": .goMod, "go.sum": nil,
            "requirements.txt": .requirementsTxt, "dev-requirements.txt": .requirementsTxt,
            "requirements.in": nil, "poetry.lock": .poetryLock, "Pipfile.lock": .pipfileLock,
            "Gemfile.lock": .gemfileLock, "gems.locked": .gemfileLock, "composer.lock": .composerLock,
            "gradle.lockfile": .gradleLockfile, "buildscript-gradle.lockfile": .gradleLockfile,
            "pom.xml": .pomXML, "Package.resolved": .packageResolved, "package.json": nil, "README.md": nil,
        ]
        for (name, kind) in expected {
            #expect(LockfileScanner.kind(forFileName: name) == kind, "\(name)")
        }
    }

    @Test("findLockfiles walks the tree and skips node_modules, vendor and .git")
    func findLockfilesSkipsVendoredFolders() throws {
        try withTemporaryFolder { folder in
            for path in [
                "package-lock.json", "api/go.mod", "api/go.sum", "web/yarn.lock", "web/node_modules/x/package-lock.json",
                "php/vendor/y/composer.lock", ".git/Cargo.lock", "deep/a/b/c/Pipfile.lock", "notes.txt",
            ] {
                try folder.write(path, "{}")
            }
            let found = LockfileScanner().findLockfiles(under: folder.path)
            #expect(found == [
                folder.path + "/api/go.mod", folder.path + "/deep/a/b/c/Pipfile.lock",
                folder.path + "/package-lock.json", folder.path + "/web/yarn.lock",
            ])
            let shallow = LockfileScanner(maxDepth: 1).findLockfiles(under: folder.path, skipping: [])
            #expect(shallow.contains(folder.path + "/.git/Cargo.lock"))
            #expect(!shallow.contains(folder.path + "/deep/a/b/c/Pipfile.lock"))
        }
    }

    @Test("unreadable, oversized and unknown files give diagnostics, not crashes")
    func unreadableFiles() throws {
        try withTemporaryFolder { folder in
            let scanner = LockfileScanner(maxFileSize: 8)
            let missing = scanner.parse(fileAt: folder.path + "/Cargo.lock")
            #expect(missing.diagnostics.first?.message.contains("could not read") == true)
            let big = try folder.write("Cargo.lock", String(repeating: "#", count: 64))
            #expect(scanner.parse(fileAt: big).diagnostics.first?.message.contains("limit") == true)
            let unknown = try folder.write("notes.md", "x")
            #expect(scanner.parse(fileAt: unknown).diagnostics.first?.message.contains("not a known lockfile") == true)
        }
    }

    @Test("arbitrary bytes never crash any parser")
    func garbageInput() {
        var generator = SplitMix64(seed: 42)
        let scanner = LockfileScanner()
        for kind in LockfileKind.allCases {
            for length in [0, 1, 7, 64, 512] {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                _ = scanner.parse(contents: bytes, path: "/nonexistent/\(kind.rawValue)", as: kind)
            }
        }
    }
}

/// A small deterministic random generator for fuzz-style inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
