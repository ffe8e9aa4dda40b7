import Foundation
import InfinityModel
import InfinityStore
import InfinityTestSupport
import SecurityCompliance
import Testing

/// Where the shared evaluation material lives: `$INFINITY_SHARED_DIR`, else `../shared` next to the package.
private let sharedRoot: String = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared").path
private let sarifSchema = sharedRoot + "/schemas/sarif/oasis/sarif-schema-2.1.0.json"

/// The path of `check-jsonschema`, when it is installed.
private let checkJSONSchema: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/check-jsonschema" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

@Suite("Scan outputs")
struct RedactionAndSARIFTests {
    /// A scan of a repository holding the fake key pair and the vulnerable pin.
    func scanned(_ dir: TemporaryDirectory) async throws -> (RepositoryScanResult, (id: String, secret: String, lines: String)) {
        let pair = ScanFixtures.awsPair()
        let repo = dir.url("repo")
        try await GitFixture().makeRepository(at: repo, files: ["config/settings.env": pair.lines, "requirements.txt": "urllib3==1.26.4\n"])
        let osv = try ScanFixtures.osvDatabase(in: dir.url("osv"))
        let result = try await ScanFixtures.scanHead(repo, scanner: RepositorySecurityScanner(settings: SecurityScanSettings(osv: osv)))
        return (result, pair)
    }

    @Test("no output format, report or stored detail holds the secret")
    func redactedEverywhere() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (result, pair) = try await scanned(dir)
        #expect(result.secrets.count >= 2)
        let output = SecurityScanOutput(results: [result], toolVersion: "0.1.0")
        var documents: [String] = []
        for format in SecurityScanFormat.allCases { documents.append(String(decoding: try output.render(format), as: UTF8.self)) }
        let store = try StateStore(path: dir.url("state.sqlite"))
        let summary = try SecurityRecorder(store: store).record(result, at: Date(timeIntervalSince1970: 5), runID: "r1")
        let report = SecurityReport(runID: "r1", generatedAt: Date(timeIntervalSince1970: 5), repositories: [summary])
        documents.append(report.markdown())
        documents.append(String(decoding: try report.json(), as: UTF8.self))
        documents += try store.openFindings(repository: "repo").compactMap(\.finding.detail)
        documents += try store.audit().compactMap(\.detail)
        for document in documents {
            #expect(!document.contains(pair.secret))
            #expect(!document.contains(pair.id))
        }
        #expect(documents[0].contains("config/settings.env"))
        #expect(documents[1].contains("\"fixed_version\" : \"1.26.5\""))
        #expect(report.markdown().contains("| repo |"))
    }

    @Test("the SARIF output validates against the OASIS 2.1.0 schema", .enabled(if: checkJSONSchema != nil && FileManager.default.fileExists(atPath: sarifSchema),
          "needs check-jsonschema on PATH and the schema under $INFINITY_SHARED_DIR/schemas/sarif/oasis"))
    func sarifValidates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (result, _) = try await scanned(dir)
        let data = try SecurityScanOutput(results: [result], toolVersion: "0.1.0").render(.sarif)
        let file = dir.url("out.sarif")
        try data.write(to: URL(fileURLWithPath: file))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("infinity/secrets/") && text.contains("infinity/deps/"))
        let (status, out) = try await ExternalProgram.run(try #require(checkJSONSchema), ["--schemafile", sarifSchema, file])
        #expect(status == 0, "check-jsonschema: \(out)")
    }
}
