import Foundation
import SecurityCompliance
import Testing

@Suite("Reading SARIF into findings")
struct SARIFIngestorTests {
    typealias Fixtures = SARIFIngestorFixtures

    /// Writes `text` to a temp file and ingests it.
    static func ingest(_ text: String, name: String = "scan.sarif", ingestor: SARIFIngestor = SARIFIngestor()) throws -> [SecurityFinding] {
        let directory = try SARIFTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return try ingestor.findings(fromFileAt: file.path)
    }

    /// The finding with everything but the fingerprint, for comparisons.
    static func withoutFingerprint(_ finding: SecurityFinding) -> SecurityFinding {
        var copy = finding
        copy.fingerprint = ""
        return copy
    }

    @Test("a CodeQL log: rules from extensions, artifacts by index, scores, levels, templates, suppressions")
    func codeQL() throws {
        let findings = try Self.ingest(Fixtures.codeQL)
        let expected = [
            SecurityFinding(
                tool: "CodeQL", ruleId: "js/sql-injection", ruleName: "js/sql-injection",
                ruleDescription: "Building a database query from user-controlled sources is vulnerable to insertion of malicious code by the user.",
                severity: "high", message: "This query string depends on a [user-provided value](1).", file: "src/db.js",
                startLine: 12, startColumn: 20, endColumn: 45, fingerprint: "",
                helpURI: "https://codeql.github.com/codeql-query-help/javascript/js-sql-injection/"),
            SecurityFinding(
                tool: "CodeQL", ruleId: "js/log-injection", ruleName: "js/log-injection",
                ruleDescription: "Building log entries from user-controlled sources is vulnerable to insertion of forged log entries by a malicious user.",
                severity: "high", message: "Log entry depends on a [user-provided value](1).", file: "src/server main.js",
                startLine: 30, startColumn: 5, endLine: 31, endColumn: 8, fingerprint: ""),
            SecurityFinding(
                tool: "CodeQL", ruleId: "js/unused-local-variable", ruleName: "js/unused-local-variable",
                ruleDescription: "Unused variables, imports, functions or classes may be a symptom of a bug and should be examined carefully.",
                severity: "low", message: "Unused variable tmp.", file: "src/db.js", startLine: 3, startColumn: 7, endColumn: 10,
                fingerprint: ""),
            SecurityFinding(
                tool: "CodeQL", ruleId: "js/missing-rate-limiting", ruleName: "js/missing-rate-limiting",
                ruleDescription: "Missing rate limiting", severity: "high",
                message: "This route handler performs a file system access, but is not rate-limited ({see docs}).",
                file: "src/server main.js", startLine: 40, fingerprint: ""),
        ]
        #expect(findings.map(Self.withoutFingerprint) == expected)
        #expect(Set(findings.map(\.fingerprint)).count == 4)
        #expect(findings.allSatisfy { $0.fingerprint.count == 16 && $0.fingerprint.allSatisfy(\.isHexDigit) })
    }

    @Test("a CodeQL fingerprint follows primaryLocationLineHash, not the line number")
    func lineHashFingerprintSurvivesMoves() throws {
        let original = try Self.ingest(Fixtures.codeQL)
        let moved = try Self.ingest(Fixtures.codeQL.replacingOccurrences(of: #""startLine": 12"#, with: #""startLine": 112"#))
        #expect(moved[0].startLine == 112)
        #expect(moved[0].fingerprint == original[0].fingerprint)
        // Without a line hash (the rate-limiting result) the line is part of the identity.
        let shifted = try Self.ingest(Fixtures.codeQL.replacingOccurrences(of: #""startLine": 40"#, with: #""startLine": 41"#))
        #expect(shifted[3].fingerprint != original[3].fingerprint)
        #expect(shifted[0].fingerprint == original[0].fingerprint)
    }

    @Test("a Trivy log: string scores bucketed, ROOTPATH URIs, file URIs made relative to the source root")
    func trivy() throws {
        let findings = try Self.ingest(Fixtures.trivy, ingestor: SARIFIngestor(sourceRoot: "/scan/root"))
        #expect(findings.map(\.tool) == ["Trivy", "Trivy", "Trivy"])
        #expect(findings.map(\.ruleId) == ["CVE-2022-40897", "CVE-2023-37920", "CVE-2024-0001"])
        #expect(findings.map(\.severity) == ["medium", "critical", "low"])
        #expect(findings.map(\.file) == ["requirements.txt", "requirements.txt", "usr/lib/libssl.so.3"])
        #expect(findings.map(\.startLine) == [1, 4, 1])
        #expect(findings[0].ruleName == "LanguageSpecificPackageVulnerability")
        #expect(findings[0].ruleDescription?.hasPrefix("Python Packaging Authority (PyPA) setuptools before 65.5.1") == true)
        #expect(findings[2].ruleDescription == "openssl: an old problem")
        #expect(findings[1].helpURI == "https://avd.aquasec.com/nvd/cve-2023-37920")
        #expect(findings[0].message.hasPrefix("Package: setuptools\nInstalled Version: 58.1.0"))
        #expect(findings[0].fingerprint != findings[1].fingerprint)
        let unrooted = try Self.ingest(Fixtures.trivy)
        #expect(unrooted[2].file == "/scan/root/usr/lib/libssl.so.3")
    }

    @Test("a Semgrep log: severity from the rule level, fingerprint from the tool's fingerprints")
    func semgrep() throws {
        let findings = try Self.ingest(Fixtures.semgrep)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.tool == "Semgrep OSS")
        #expect(finding.severity == "high")
        #expect(finding.file == "app/views.py")
        #expect((finding.startLine, finding.startColumn, finding.endLine, finding.endColumn) == (18, 12, 18, 52))
        let moved = try Self.ingest(Fixtures.semgrep.replacingOccurrences(of: #""startLine": 18"#, with: #""startLine": 19"#))
        #expect(moved[0].fingerprint == finding.fingerprint)
    }

    @Test("our own SARIF reads back into the findings it was written from")
    func roundTrip() throws {
        let findings = [
            SARIFTestSupport.finding(ruleId: "aws-access-key-id", severity: "critical", repository: "api", file: "src/My File.swift"),
            SARIFTestSupport.finding(ruleId: "generic-password", severity: "low", repository: "api", file: "deploy/ü.yml",
                                     startLine: 7, startColumn: nil, endLine: nil, endColumn: nil, ruleName: nil,
                                     ruleDescription: nil, helpURI: nil),
            SARIFTestSupport.finding(tool: "infinity-deps", ruleId: "GHSA-abcd-efgh-ijkl", severity: "medium", repository: "api",
                                     file: nil, startLine: nil, startColumn: nil, endLine: nil, endColumn: nil),
            SARIFTestSupport.finding(tool: "Trivy", ruleId: "CVE-2023-37920", severity: "high", repository: "api",
                                     file: "requirements.txt", startLine: 4, endLine: 4),
        ]
        let writer = SARIFWriter()
        let logs = try writer.makeLogs(findings: findings, toolVersion: "1.0.0")
        let directory = try SARIFTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var readBack: [SecurityFinding] = []
        for (index, log) in logs.enumerated() {
            let file = directory.appendingPathComponent("out-\(index).sarif")
            try writer.encode(log).write(to: file)
            readBack += try SARIFIngestor().findings(fromFileAt: file.path)
        }
        #expect(Set(readBack) == Set(findings))
        #expect(readBack.count == findings.count)
    }

    @Test("a gzip-compressed SARIF file is read like a plain one")
    func gzipInput() throws {
        let directory = try SARIFTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("trivy.sarif.gz")
        try GzipCodec.gzip(Data(Fixtures.trivy.utf8)).write(to: file)
        #expect(try SARIFIngestor().findings(fromFileAt: file.path) == (try Self.ingest(Fixtures.trivy)))
    }

    @Test("unknown members anywhere are ignored")
    func unknownMembersIgnored() throws {
        var decorated = Fixtures.trivy
        for anchor in [#""version": "2.1.0","#, #""tool": {"#, #""driver": {"#, #""ruleId": "CVE-2022-40897","#,
                       #""physicalLocation": {"#, #""region": {"#, #""defaultConfiguration": {"#] {
            decorated = decorated.replacingOccurrences(
                of: anchor, with: anchor + #" "x-unknown": {"nested": [1, 2.5, null, true, "s"]}, "#)
        }
        #expect(decorated != Fixtures.trivy)
        #expect(try Self.ingest(decorated) == (try Self.ingest(Fixtures.trivy)))
    }

    @Test("results that report no problem, were suppressed or are gone are skipped")
    func nonFindingsSkipped() throws {
        func log(_ extra: String) -> String {
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"T"}},"results":[{"ruleId":"r","message":{"text":"m"}\#(extra)}]}]}"#
        }
        #expect(try Self.ingest(log("")).count == 1)
        #expect(try Self.ingest(log(#","kind":"fail""#)).count == 1)
        #expect(try Self.ingest(log(#","kind":"pass""#)).isEmpty)
        #expect(try Self.ingest(log(#","kind":"notApplicable""#)).isEmpty)
        #expect(try Self.ingest(log(#","baselineState":"absent""#)).isEmpty)
        #expect(try Self.ingest(log(#","suppressions":[{"kind":"external","status":"accepted"}]"#)).isEmpty)
        #expect(try Self.ingest(log(#","suppressions":[{"kind":"external","status":"underReview"}]"#)).count == 1)
        // No level anywhere: SARIF's default, warning → medium.
        #expect(try Self.ingest(log("")).first?.severity == "medium")
    }

    @Test("malformed SARIF errors name the file and the JSON path")
    func malformed() throws {
        let badLine = Fixtures.trivy.replacingOccurrences(of: #""startLine": 4,"#, with: #""startLine": "4","#)
        let error = try #require(throws: SARIFError.self) { try Self.ingest(badLine, name: "trivy-results.sarif") }
        #expect(error.code == .malformedSARIF)
        #expect(error.file?.hasSuffix("trivy-results.sarif") == true)
        #expect(error.codingPath == "runs[0].results[1].locations[0].physicalLocation.region.startLine")
        #expect(error.description.contains("trivy-results.sarif: at runs[0].results[1].locations[0].physicalLocation.region.startLine: Expected a number here."))

        let noName = Fixtures.semgrep.replacingOccurrences(of: #""name": "Semgrep OSS","#, with: "")
        let missing = try #require(throws: SARIFError.self) { try Self.ingest(noName) }
        #expect(missing.codingPath == "runs[0].tool.driver.name")
        #expect(missing.message.contains("'name' is missing"))

        let notJSON = try #require(throws: SARIFError.self) { try Self.ingest("{\"version\": \"2.1.0\", \"runs\": [", name: "cut.sarif") }
        #expect(notJSON.code == .malformedJSON)
        #expect(notJSON.file?.hasSuffix("cut.sarif") == true)

        let oldVersion = try #require(throws: SARIFError.self) { try Self.ingest(#"{"version":"1.0.0","runLogs":[]}"#) }
        #expect(oldVersion.code == .unsupportedVersion)
        #expect(oldVersion.codingPath == "version")
    }

    @Test("missing files, directories and oversized files are reported, not crashed on")
    func unreadableFiles() throws {
        let directory = try SARIFTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try #require(throws: SARIFError.self) {
            try SARIFIngestor().findings(fromFileAt: directory.appendingPathComponent("nope.sarif").path)
        }
        #expect(missing.code == .fileUnreadable)
        #expect(missing.file?.hasSuffix("nope.sarif") == true)
        let isDirectory = try #require(throws: SARIFError.self) { try SARIFIngestor().findings(fromFileAt: directory.path) }
        #expect(isDirectory.code == .fileUnreadable)
        let big = try #require(throws: SARIFError.self) {
            try Self.ingest(Fixtures.trivy, ingestor: SARIFIngestor(maxFileBytes: 100))
        }
        #expect(big.code == .fileTooLarge)
        let bomb = try GzipCodec.gzip(Data(repeating: 0x20, count: 1_000_000))
        let inflated = try #require(throws: SARIFError.self) {
            try SARIFIngestor(maxFileBytes: 10_000).findings(fromData: bomb, fileName: "bomb.sarif.gz")
        }
        #expect(inflated.code == .fileTooLarge)
        #expect(inflated.file == "bomb.sarif.gz")
    }
}
