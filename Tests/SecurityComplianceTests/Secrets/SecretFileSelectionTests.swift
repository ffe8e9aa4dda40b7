import Foundation
import Testing
@testable import SecurityCompliance

@Suite("Which files are scanned")
struct SecretFileSelectionTests {
    let line = SecretRuleCase.all.first { $0.ruleID == "github-token" }!.positive + "\n"

    func makeTree() throws -> SecretTemporaryFolder {
        let folder = try SecretTemporaryFolder()
        try folder.write("src/app.yml", line)
        try folder.write("src/image.bin", bytes: Array(line.utf8) + [0, 1, 2] + Array(line.utf8))
        try folder.write("package-lock.json", line)
        try folder.write("sub/Cargo.lock", line)
        try folder.write("vendor/lib/conf.yml", line)
        try folder.write("node_modules/pkg/index.js", line)
        try folder.write("third_party/x/y.yml", line)
        try folder.write("test/fixtures/creds.yml", line)
        return folder
    }

    @Test("binary files, lockfiles and vendored folders are skipped by default")
    func defaultSkips() async throws {
        let folder = try makeTree()
        let report = try await SecretScanner().scan(paths: [folder.path])
        let files = Set(report.findings.map { String($0.file.dropFirst(folder.path.count + 1)) })
        #expect(files == ["src/app.yml", "test/fixtures/creds.yml"])
        let skipped = Dictionary(grouping: report.skipped, by: \.reason).mapValues {
            Set($0.map { String($0.path.dropFirst(folder.path.count + 1)) })
        }
        #expect(skipped[.binary] == ["src/image.bin"])
        #expect(skipped[.lockfile] == ["package-lock.json", "sub/Cargo.lock"])
        #expect(skipped[.vendored] == ["vendor", "node_modules", "third_party"])
    }

    @Test("skipping is configurable")
    func configurableSkips() async throws {
        let folder = try makeTree()
        let options = SecretScanOptions(
            skipBinaryFiles: false, skipLockfiles: false, skipVendoredDirectories: false,
            excludedPaths: ["**/third_party/**"], skipTestPaths: true)
        let report = try await SecretScanner(options: options).scan(paths: [folder.path])
        let files = Set(report.findings.map { String($0.file.dropFirst(folder.path.count + 1)) })
        #expect(files == [
            "src/app.yml", "src/image.bin", "package-lock.json", "sub/Cargo.lock", "vendor/lib/conf.yml",
            "node_modules/pkg/index.js",
        ])
    }

    @Test("global allowlist paths and rule allowlists drop findings")
    func allowlists() async throws {
        let folder = try makeTree()
        let rules = try SecretRuleSet.default.extending(yaml: """
            allowlist:
              paths: ['src/**']
            rules:
              - id: github-token
                allowlist:
                  paths: ['**/fixtures/*.yml']
            """, file: "user.yml")
        let report = try await SecretScanner(rules: rules).scan(paths: [folder.path])
        #expect(report.findings.isEmpty)
    }

    @Test("a single file path is scanned and a missing path is an error")
    func explicitPaths() async throws {
        let folder = try makeTree()
        let report = try await SecretScanner().scan(paths: [folder.path + "/src/app.yml"])
        #expect(report.findings.count == 1)
        #expect(report.filesScanned == 1)
        let error = await #expect(throws: SecretScanError.self) {
            try await SecretScanner().scan(paths: [folder.path + "/missing"])
        }
        #expect(error?.code == .unreadablePath)
    }

    @Test("files over the size limit are skipped")
    func sizeLimit() async throws {
        let folder = try SecretTemporaryFolder()
        try folder.write("big.yml", String(repeating: "x", count: 5000) + "\n" + line)
        let report = try await SecretScanner(options: SecretScanOptions(maxFileSize: 1000)).scan(paths: [folder.path])
        #expect(report.findings.isEmpty)
        #expect(report.skipped.map(\.reason) == [.tooLarge])
    }

    @Test("parallel scanning of many files finds each one once")
    func manyFiles() async throws {
        let folder = try SecretTemporaryFolder()
        for index in 0..<150 { try folder.write("d\(index % 7)/f\(index).yml", "x: 1\n" + line) }
        let report = try await SecretScanner(options: SecretScanOptions(maxParallel: 3)).scan(paths: [folder.path])
        #expect(report.findings.count == 150)
        #expect(Set(report.findings.map(\.file)).count == 150)
        #expect(report.filesScanned == 150)
    }

    @Test("glob patterns", arguments: [
        ("**/vendor/**", "a/vendor/b/c.go", true), ("**/vendor/**", "vendor/c.go", true),
        ("*.lock", "deep/dir/yarn.lock", true), ("src/*.yml", "src/a.yml", true),
        ("src/*.yml", "src/x/a.yml", false), ("docs/**", "src/docs/a.md", true), ("a?c", "abc", true),
        ("a?c", "a/c", false),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(GlobPattern(pattern).matches(path) == expected)
    }
}

@Suite("Reported paths")
struct SecretReportedPathTests {
    /// Relative arguments are resolved against the temp folder by the file-system seam, so the
    /// test never changes the process-wide working directory under other running tests.
    @Test("paths are reported relative to the argument, without ./ prefixes")
    func relativePaths() async throws {
        let folder = try SecretTemporaryFolder()
        let rule = try #require(SecretRuleCase.all.first { $0.ruleID == "npm-token" })
        try folder.write("pkg/.npmrc", rule.positive + "\n")
        let base = folder.path
        let live = SecretScanFileSystem.live
        @Sendable func resolved(_ path: String) -> String { path.hasPrefix("/") ? path : base + "/" + path }
        let fileSystem = SecretScanFileSystem(
            kind: { live.kind(resolved($0)) }, list: { try live.list(resolved($0)) },
            size: { try live.size(resolved($0)) }, read: { try live.read(resolved($0)) })
        let fromDot = try await SecretScanner(fileSystem: fileSystem).scan(paths: ["."])
        let fromName = try await SecretScanner(fileSystem: fileSystem).scan(paths: ["./pkg/"])
        #expect(fromDot.findings.map(\.file) == ["pkg/.npmrc"])
        #expect(fromName.findings.map(\.file) == ["pkg/.npmrc"])
        #expect(fromDot.findings.map(\.fingerprint) == fromName.findings.map(\.fingerprint))
    }
}
