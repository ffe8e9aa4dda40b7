import Foundation
import SecurityCompliance
import Testing

/// Validates our output against both SARIF 2.1.0 schemas in shared/schemas/sarif:
/// - OASIS (draft-04): `check-jsonschema --schemafile <oasis schema> FILE…`
/// - codeql-action (2020-12): `check-jsonschema` refuses this schema itself (its `region`
///   `anyOf` sits inside `properties`, see shared/schemas/sarif/README.md), so it is
///   checked with the `jsonschema` library check-jsonschema installs, without checking
///   the schema: `python3 -c <lenientValidator> <schema> FILE…`.
/// Skipped when check-jsonschema (`pip install check-jsonschema`) or the schemas are missing.
@Suite(
    "SARIF schema validation",
    .enabled(
        if: SARIFTestSupport.hasSchemas && SARIFTestSupport.executable("check-jsonschema") != nil
            && SARIFTestSupport.pythonHasJSONSchema,
        "needs check-jsonschema on PATH and python3 with jsonschema (pip install check-jsonschema), and shared/schemas/sarif (INFINITY_SHARED_DIR)")
)
struct SARIFSchemaValidationTests {
    typealias Support = SARIFTestSupport

    static let lenientValidator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        cls = jsonschema.validators.validator_for(schema)
        failed = 0
        for path in sys.argv[2:]:
            errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(json.load(open(path))))
            for error in errors:
                print(path, "/".join(map(str, error.absolute_path)), error.message)
            failed += len(errors)
        sys.exit(1 if failed else 0)
        """

    /// Runs both validators over `files`; returns (oasis, codeql-action) results.
    static func validate(_ files: [URL]) async throws -> (oasis: (status: Int32, output: String), codeql: (status: Int32, output: String)) {
        let oasis = Support.schemaDirectory.appendingPathComponent("oasis/sarif-schema-2.1.0.json").path
        let codeql = Support.schemaDirectory.appendingPathComponent("codeql-action/sarif-schema-2.1.0.json").path
        let checkJSONSchema = try #require(Support.executable("check-jsonschema"))
        let python = try #require(Support.executable("python3"))
        return (
            try await Support.run(checkJSONSchema, ["--schemafile", oasis] + files.map(\.path)),
            try await Support.run(python, ["-c", lenientValidator, codeql] + files.map(\.path))
        )
    }

    /// Findings that exercise every part of the writer.
    static var variedFindings: [SecurityFinding] {
        var findings: [SecurityFinding] = []
        for (index, severity) in ["low", "medium", "high", "critical"].enumerated() {
            findings.append(Support.finding(ruleId: "secret-\(index)", severity: severity, repository: "api",
                                            file: "src/dir \(index)/ü-file#\(index).swift", startLine: index + 1))
        }
        findings.append(Support.finding(tool: "infinity-deps", ruleId: String(repeating: "GHSA-long-", count: 40),
                                        severity: "critical", repository: "api", file: nil, startLine: nil,
                                        helpURI: "not a uri"))
        findings.append(Support.finding(tool: "Trivy", ruleId: "CVE-2024-1", severity: "medium", repository: "web",
                                        file: "/etc/ssl/openssl.cnf", startLine: 0, ruleName: nil, ruleDescription: nil, helpURI: nil))
        findings.append(Support.finding(message: String(repeating: "long ", count: 5_000), repository: nil, file: "a", startLine: 2,
                                        startColumn: 4, endLine: 1, endColumn: 2))
        findings += (0..<7).map { Support.finding(ruleId: "many", repository: "api", file: "m.txt", startLine: $0 + 1) }
        return findings
    }

    @Test("our logs validate against the OASIS and the codeql-action schemas")
    func writerOutputValidates() async throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = SARIFWriter.Configuration(
            informationURI: "https://example.org/infinity", limits: SARIFUploadLimits(maxResultsPerRun: 3, maxRunsPerFile: 4),
            alwaysEmittedTools: ["infinity-secrets", "infinity-deps"], prettyPrinted: true)
        let writer = SARIFWriter(configuration: config)
        let reader = SARIFSourceReader { _, path in Array("line one\n\tline two\nline three\n// \(path)\n".utf8) }
        let logs = try writer.makeLogs(findings: Self.variedFindings, toolVersion: "1.4.0", sourceReader: reader)
            + writer.makeLogs(forRepository: "empty", findings: [], toolVersion: "1.4.0")
        #expect(logs.count > 3)
        var files: [URL] = []
        for (index, log) in logs.enumerated() {
            let file = directory.appendingPathComponent("log-\(index).sarif")
            try writer.encode(log).write(to: file)
            files.append(file)
        }
        let (oasis, codeql) = try await Self.validate(files)
        #expect(oasis.status == 0, "\(oasis.output)")
        #expect(codeql.status == 0, "\(codeql.output)")
    }

    @Test("the hand-written CodeQL, Trivy and Semgrep fixtures are valid SARIF too")
    func fixturesValidate() async throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        for (name, text) in [("codeql", SARIFIngestorFixtures.codeQL), ("trivy", SARIFIngestorFixtures.trivy), ("semgrep", SARIFIngestorFixtures.semgrep)] {
            let file = directory.appendingPathComponent("\(name).sarif")
            try Data(text.utf8).write(to: file)
            files.append(file)
        }
        let (oasis, codeql) = try await Self.validate(files)
        #expect(oasis.status == 0, "\(oasis.output)")
        #expect(codeql.status == 0, "\(codeql.output)")
    }

    @Test("the validators do reject invalid SARIF (so a pass means something)")
    func validatorsRejectInvalid() async throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.sarif")
        let bad = #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal","locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}"#
        try Data(bad.utf8).write(to: file)
        let (oasis, codeql) = try await Self.validate([file])
        #expect(oasis.status != 0)
        #expect(codeql.status != 0)
        #expect(codeql.output.contains("fatal"))
    }
}
