import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import SecurityCompliance
import Testing

@Suite("Scanning repositories at their head commit")
struct RepositoryScanTests {
    @Test("a secret committed at HEAD is found even when deleted from the work tree; one only in the work tree is not")
    func headNotWorkTree() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = dir.url("repo")
        let committed = ScanFixtures.awsPair()
        let uncommitted = ScanFixtures.awsPair(seed: 0xDEAD_BEEF_0000_0042)
        try await GitFixture().makeRepository(at: repo, files: ["config/settings.env": "APP_ENV=prod\n" + committed.lines, "README.md": "# x\n"])
        try FileManager.default.removeItem(atPath: repo + "/config/settings.env")
        try Data(uncommitted.lines.utf8).write(to: URL(fileURLWithPath: repo + "/local.env"))

        let result = try await ScanFixtures.scanHead(repo, scanner: RepositorySecurityScanner(settings: SecurityScanSettings(dependencies: false)))
        #expect(result.error == nil)
        #expect(result.scannedSecrets)
        #expect(result.secrets.contains { $0.file == "config/settings.env" && $0.ruleID.contains("aws") })
        #expect(!result.secrets.contains { $0.file == "local.env" })
        let text = String(decoding: try SecurityScanOutput(results: [result], toolVersion: "t").render(.json), as: UTF8.self)
        #expect(!text.contains(uncommitted.id))
    }

    @Test("vulnerable dependencies carry the advisory, aliases, severity and the nearest fixed version; a malformed lockfile is a diagnostic")
    func dependencies() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = dir.url("repo")
        try await GitFixture().makeRepository(at: repo, files: [
            "requirements.txt": "urllib3==1.26.4\ncertifi==2023.7.22\n",
            "web/package-lock.json": "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\"name\": \"x\"\n",
        ])
        let osv = try ScanFixtures.osvDatabase(in: dir.url("osv"))
        let scanner = RepositorySecurityScanner(settings: SecurityScanSettings(secrets: false, osv: osv))
        let result = try await ScanFixtures.scanHead(repo, scanner: scanner)
        let finding = try #require(result.dependencies.first)
        #expect(result.dependencies.count == 1)
        #expect(finding.package == "urllib3" && finding.installedVersion == "1.26.4" && finding.file == "requirements.txt")
        #expect(finding.advisoryID == "GHSA-q2q7-5pp4-w6pg" && finding.aliases == ["CVE-2021-33503"])
        #expect(finding.severity == .high)
        #expect(finding.fixedVersion == "1.26.5")
        #expect(result.diagnostics.contains { $0.contains("web/package-lock.json") })
        let stored = try #require(result.storeDependencyFindings.first?.detail)
        #expect(stored.contains("\"fixed_version\":\"1.26.5\""))
    }

    @Test("a baseline suppresses the secrets it lists, and only those")
    func baseline() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = dir.url("repo")
        try await GitFixture().makeRepository(at: repo, files: ["a.env": ScanFixtures.awsPair().lines])
        let first = try await ScanFixtures.scanHead(repo, scanner: RepositorySecurityScanner(settings: SecurityScanSettings(dependencies: false)))
        #expect(!first.secrets.isEmpty)
        let baseline = SecretBaseline(findings: first.secrets)
        try await GitFixture().commit(in: repo, files: ["b.env": ScanFixtures.awsPair(seed: 77).lines])
        let second = try await ScanFixtures.scanHead(repo, scanner: RepositorySecurityScanner(settings: SecurityScanSettings(dependencies: false, baseline: baseline)))
        #expect(second.suppressedByBaseline == first.secrets.count)
        #expect(!second.secrets.isEmpty)
        #expect(second.secrets.allSatisfy { $0.file == "b.env" })
    }

    @Test("two recorded scans tell new from fixed and leave a finding_scans row")
    func newAndFixed() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = dir.url("repo")
        let pair = ScanFixtures.awsPair()
        try await GitFixture().makeRepository(at: repo, files: ["config/settings.env": pair.lines, "requirements.txt": "urllib3==1.26.4\n"])
        let osv = try ScanFixtures.osvDatabase(in: dir.url("osv"))
        let scanner = RepositorySecurityScanner(settings: SecurityScanSettings(osv: osv))
        let store = try StateStore(path: dir.url("state.sqlite"))
        let recorder = SecurityRecorder(store: store)

        let first = try recorder.record(try await ScanFixtures.scanHead(repo, scanner: scanner), at: Date(timeIntervalSince1970: 1000), runID: nil)
        #expect(first.new.contains { $0.kind == "secret" })
        #expect(first.new.contains { $0.kind == "vulnerability" && $0.ruleID == "GHSA-q2q7-5pp4-w6pg" })
        #expect(first.fixed.isEmpty)
        #expect(try store.findingScans()["repo"]?[.secret] != nil)
        #expect(try store.findingScans()["repo"]?[.vulnerability] != nil)

        try FileManager.default.removeItem(atPath: repo + "/config/settings.env")
        try await GitFixture().commit(in: repo, files: [:], message: "remove the leaked key")
        let second = try recorder.record(try await ScanFixtures.scanHead(repo, scanner: scanner), at: Date(timeIntervalSince1970: 2000), runID: nil)
        #expect(second.new.isEmpty)
        #expect(!second.fixed.isEmpty && second.fixed.allSatisfy { $0.kind == "secret" })
        #expect(second.open["secret"] == nil)
        #expect(second.open["vulnerability"]?["high"] == 1)
        #expect(try store.audit(actionPrefix: "security.scan").count == 2)
    }

    @Test("a SARIF file from another tool becomes findings of kind sarif")
    func sarifImport() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let findings = [
            SecurityFinding(tool: "Trivy", ruleId: "CVE-2024-0001", severity: "critical", message: "openssl 3.0.1", repository: "svc",
                            file: "Dockerfile", startLine: 1, fingerprint: "f1"),
            SecurityFinding(tool: "Trivy", ruleId: "CVE-2024-0002", severity: "low", message: "zlib", repository: "svc",
                            file: "Dockerfile", startLine: 1, fingerprint: "f2"),
        ]
        let writer = SARIFWriter()
        let log = try #require(try writer.makeLogs(forRepository: "svc", findings: findings, toolVersion: "1").first)
        let path = dir.url("trivy.sarif")
        try writer.encode(log).write(to: URL(fileURLWithPath: path))

        let store = try StateStore(path: dir.url("state.sqlite"))
        let ingested = try SARIFIngestor().findings(fromFileAt: path, repository: "svc")
        let summary = try SecurityRecorder(store: store).recordSARIF(repository: "svc", findings: ingested, source: "trivy.sarif",
                                                                     at: Date(timeIntervalSince1970: 10), runID: nil)
        #expect(summary.new.count == 2)
        let open = try store.openFindings(repository: "svc")
        #expect(open.count == 2 && open.allSatisfy { $0.kind == .sarif })
        #expect(open.first?.finding.severity == .critical)
    }
}
