import Foundation
import InfinityModel
import InfinityStore
import InfinityTestSupport
import Testing
import ZIPFoundation

@Suite("infinity scan and osv import", .serialized)
struct ScanCommandTests {
    /// A fake AWS key pair built at run time.
    static func fakePair() -> (id: String, lines: String) {
        var state: UInt64 = 0x0BAD_CAFE_1234_5678
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let id = "AK" + "IA" + String((0..<16).map { _ in upper[Int(next() % UInt64(upper.count))] })
        let secret = String((0..<40).map { _ in mixed[Int(next() % UInt64(mixed.count))] })
        return (id, "AWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)\n")
    }

    static let advisory = """
        {"schema_version": "1.6.0", "id": "GHSA-q2q7-5pp4-w6pg", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2021-33503"],
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "urllib3"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.25.4"}, {"fixed": "1.26.5"}]}]}]}
        """

    /// An organization of two repositories (one leaky, one with a vulnerable pin), discovered.
    func organization(_ dir: TemporaryDirectory) async throws -> (config: String, secretID: String) {
        let pair = Self.fakePair()
        try await GitFixture().makeRepository(at: dir.url("org/leaky"), files: ["config/settings.env": "APP=1\n" + pair.lines])
        try await GitFixture().makeRepository(at: dir.url("org/deps"), files: ["requirements.txt": "urllib3==1.26.4\n"])
        try FileManager.default.createDirectory(atPath: dir.url("config"), withIntermediateDirectories: true)
        let config = dir.url("config/orchestrator.yml")
        try Data("organization: acme\nprovider: local\nlocal:\n  path: org\nsecurity:\n  osv_db: osv\n".utf8).write(to: URL(fileURLWithPath: config))
        #expect(await exitCode(["discover", "--config", config, "--quiet"]) == 0)
        return (config, pair.id)
    }

    /// A zip holding the advisory (and, when `unsafe`, an entry that climbs out of the folder).
    func makeZip(at path: String, unsafe: Bool = false) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let data = Data(Self.advisory.utf8)
        try archive.addEntry(with: unsafe ? "../escape.json" : "GHSA-q2q7-5pp4-w6pg.json", type: .file, uncompressedSize: Int64(data.count),
                             provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }

    @Test("osv import installs a zip; a rejected zip exits 1 and writes nothing for it")
    func osvImport() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeZip(at: dir.url("PyPI.zip"))
        try makeZip(at: dir.url("bad.zip"), unsafe: true)
        #expect(await exitCode(["osv", "import", dir.url("PyPI.zip"), "--osv-db", dir.url("osv")]) == 0)
        #expect(FileManager.default.fileExists(atPath: dir.url("osv/PyPI/GHSA-q2q7-5pp4-w6pg.json")))
        #expect(await exitCode(["osv", "import", dir.url("bad.zip"), "--osv-db", dir.url("osv2")]) == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.url("escape.json")))
    }

    @Test("scan reads every repository at HEAD, records findings, writes the report, and --fail-on sets the exit code")
    func scanOrganization() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (config, secretID) = try await organization(dir)
        try makeZip(at: dir.url("PyPI.zip"))
        #expect(await exitCode(["osv", "import", dir.url("PyPI.zip"), "--config", config]) == 0)

        let json = dir.url("out/scan.json")
        #expect(await exitCode(["scan", "--config", config, "--format", "json", "--output", json, "--fail-on", "high"]) == 1)
        #expect(await exitCode(["scan", "deps", "--config", config, "--fail-on", "critical", "--format", "sarif", "--output", dir.url("out/scan.sarif")]) == 0)
        #expect(await exitCode(["scan", "secrets", "--config", config, "--repo", "deps", "--fail-on", "low"]) == 0)
        #expect(await exitCode(["scan", "--config", config, "--repo", "nope"]) == 2)

        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("\"installed_version\" : \"1.26.4\"") && text.contains("\"fixed_version\" : \"1.26.5\""))
        #expect(text.contains("config/settings.env"))
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir.url(".infinity/reports"))
        #expect(reports.contains { $0.hasSuffix(".md") } && reports.contains { $0.hasSuffix(".json") })
        for file in reports + ["../../out/scan.json", "../../out/scan.sarif"] {
            #expect(!(try String(contentsOfFile: dir.url(".infinity/reports/" + file), encoding: .utf8)).contains(secretID))
        }
        let store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        #expect(try store.openFindings(repository: "leaky").contains { $0.kind == .secret })
        #expect(try store.openFindings(repository: "deps").contains { $0.kind == .vulnerability && $0.finding.ruleID == "GHSA-q2q7-5pp4-w6pg" })
        #expect(try store.findingScans()["deps"]?[.secret] != nil)
    }

    @Test("a baseline written by one scan suppresses its findings in the next")
    func baselineRoundTrip() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (config, _) = try await organization(dir)
        let baseline = dir.url("baseline.json")
        #expect(await exitCode(["scan", "secrets", "--config", config, "--write-baseline", baseline, "--fail-on", "low"]) == 1)
        #expect(await exitCode(["scan", "secrets", "--config", config, "--baseline", baseline, "--fail-on", "low"]) == 0)
    }

    @Test("scan import records SARIF results as findings of kind sarif")
    func scanImport() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (config, _) = try await organization(dir)
        let sarif = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [{"id": "js/xss"}]}},
              "results": [{"ruleId": "js/xss", "level": "error", "message": {"text": "XSS"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/app.js"}, "region": {"startLine": 3}}}]}]}]}
            """
        try Data(sarif.utf8).write(to: URL(fileURLWithPath: dir.url("codeql.sarif")))
        #expect(await exitCode(["scan", "import", dir.url("codeql.sarif"), "--repo", "leaky", "--config", config]) == 0)
        let store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        let found = try store.openFindings(repository: "leaky").filter { $0.kind == .sarif }
        #expect(found.count == 1 && found.first?.finding.ruleID == "js/xss" && found.first?.finding.file == "src/app.js")
    }
}
