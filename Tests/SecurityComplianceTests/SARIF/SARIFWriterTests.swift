import Foundation
import InfinityJSON
import SecurityCompliance
import Synchronization
import Testing

@Suite("Writing SARIF from findings")
struct SARIFWriterTests {
    typealias Support = SARIFTestSupport

    static func onlyRun(_ logs: [SARIFLog]) throws -> SARIFRun {
        try #require(logs.count == 1)
        try #require(logs[0].runs.count == 1)
        return logs[0].runs[0]
    }

    @Test("level and security-severity follow the documented severity table")
    func severityMapping() throws {
        let findings = [("critical", "r-critical"), ("high", "r-high"), ("medium", "r-medium"), ("LOW ", "r-low")].map {
            Support.finding(ruleId: $0.1, severity: $0.0)
        }
        let run = try Self.onlyRun(SARIFWriter().makeLogs(findings: findings, toolVersion: "1.2.0"))
        let rules = try #require(run.tool.driver.rules)
        let byId = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
        let expected: [String: (SARIFLevel, String)] = [
            "r-critical": (.error, "9.5"), "r-high": (.error, "8.0"), "r-medium": (.warning, "5.5"), "r-low": (.note, "2.0"),
        ]
        for (id, (level, score)) in expected {
            let rule = try #require(byId[id])
            #expect(rule.defaultConfiguration?.level == level, "\(id)")
            #expect(rule.properties?.securitySeverity == score, "\(id)")
            #expect(rule.properties?.tags == ["security", "secrets"])
            let result = try #require(run.results?.first { $0.ruleId == id })
            #expect(result.level == level)
            #expect(result.properties?.securitySeverity == score)
            // Scores land in GitHub's bucket for the same severity.
            #expect(SecuritySeverity(securitySeverityScore: Double(score)!) == SecuritySeverity(parsing: id.replacingOccurrences(of: "r-", with: "")))
        }
    }

    @Test("rules are deduplicated, sorted by id, indexed, and take the highest severity")
    func rulesDeduplicatedAndIndexed() throws {
        let findings = [
            Support.finding(ruleId: "z-token", severity: "low", file: "b.txt", startLine: 1),
            Support.finding(ruleId: "a-key", severity: "medium", file: "a.txt", startLine: 1),
            Support.finding(ruleId: "z-token", severity: "critical", file: "a.txt", startLine: 9),
            Support.finding(ruleId: "a-key", severity: "medium", file: "c.txt", startLine: 2),
        ]
        let run = try Self.onlyRun(SARIFWriter().makeLogs(findings: findings, toolVersion: "1.0.0"))
        let rules = try #require(run.tool.driver.rules)
        #expect(rules.map(\.id) == ["a-key", "z-token"])
        #expect(rules[1].properties?.securitySeverity == "9.5")
        let results = try #require(run.results)
        #expect(results.count == 4)
        for result in results {
            let index = try #require(result.ruleIndex)
            #expect(rules[index].id == result.ruleId)
        }
        // Sorted by file, then line.
        #expect(results.compactMap { $0.locations?.first?.physicalLocation?.artifactLocation?.uri }
            == ["a.txt", "a.txt", "b.txt", "c.txt"])
        #expect(results.map(\.level) == [.warning, .error, .note, .warning])
    }

    @Test("output bytes do not depend on input order, and keys are sorted")
    func deterministic() throws {
        var findings: [SecurityFinding] = []
        for index in 0..<40 {
            findings.append(Support.finding(
                tool: index % 3 == 0 ? "infinity-deps" : "infinity-secrets", ruleId: "rule-\(index % 7)",
                severity: ["low", "medium", "high", "critical"][index % 4], repository: "api",
                file: "dir\(index % 5)/file.txt", startLine: index % 11 + 1, fingerprint: "fp-\(index)"))
        }
        let writer = SARIFWriter()
        let reference = try writer.makeLogs(findings: findings, toolVersion: "2.0.0").map(writer.encode)
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<5 {
            let shuffled = findings.shuffled(using: &generator) + [findings[3]]  // a duplicate too
            #expect(try writer.makeLogs(findings: shuffled, toolVersion: "2.0.0").map(writer.encode) == reference)
        }
        let text = String(decoding: reference[0], as: UTF8.self)
        #expect(text.hasPrefix(#"{"$schema":"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json","runs":[{"automationDetails":"#))
        #expect(text.hasSuffix(#""version":"2.1.0"}"#))
    }

    @Test("one run per tool, each with its own category, utf16 columns and %SRCROOT%")
    func runPerTool() throws {
        let findings = [
            Support.finding(tool: "infinity-secrets", ruleId: "generic-password"),
            Support.finding(tool: "infinity-deps", ruleId: "GHSA-xxxx-yyyy-zzzz", severity: "critical", file: "Package.resolved"),
            Support.finding(tool: "Trivy", ruleId: "CVE-2024-0001", severity: "medium", file: "go.sum"),
        ]
        let config = SARIFWriter.Configuration(informationURI: "https://example.org/infinity")
        let logs = try SARIFWriter(configuration: config).makeLogs(findings: findings, toolVersion: "3.1.4-beta.1")
        let runs = try #require(logs.first?.runs)
        #expect(logs.count == 1)
        #expect(runs.map(\.tool.driver.name) == ["Trivy", "infinity-deps", "infinity-secrets"])
        #expect(runs.map { $0.automationDetails?.id } == ["infinity/trivy/", "infinity/deps/", "infinity/secrets/"])
        #expect(runs.map(\.tool.driver.version) == [nil, "3.1.4-beta.1", "3.1.4-beta.1"])
        #expect(runs.map(\.tool.driver.semanticVersion) == [nil, "3.1.4-beta.1", "3.1.4-beta.1"])
        #expect(runs.map(\.tool.driver.informationUri) == [nil, "https://example.org/infinity", "https://example.org/infinity"])
        for run in runs {
            #expect(run.columnKind == "utf16CodeUnits")
            #expect(run.originalUriBaseIds?["%SRCROOT%"] != nil)
            #expect(run.properties?["infinity.repository"] == .string("api"))
            #expect(run.results?.first?.locations?.first?.physicalLocation?.artifactLocation?.uriBaseId == "%SRCROOT%")
        }
        #expect(runs[2].tool.driver.rules?.first?.properties?.precision == "high")
        #expect(runs[0].tool.driver.rules?.first?.properties?.precision == nil)
    }

    @Test("file paths become percent-encoded relative URIs; absolute paths are relativized or kept as file URIs")
    func pathsToURIs() throws {
        let config = SARIFWriter.Configuration(sourceRoot: "/work/checkouts/api")
        let findings = [
            Support.finding(ruleId: "a", file: "./src/My File#1:ü.swift"),
            Support.finding(ruleId: "b", file: #"win\path\x.cs"#),
            Support.finding(ruleId: "c", file: "/work/checkouts/api/lib/inner.rb"),
            Support.finding(ruleId: "d", file: "/etc/other.conf"),
        ]
        let run = try Self.onlyRun(SARIFWriter(configuration: config).makeLogs(findings: findings, toolVersion: "1.0.0"))
        let locations = try #require(run.results).map { try #require($0.locations?.first?.physicalLocation?.artifactLocation) }
        let byRule = Dictionary(uniqueKeysWithValues: zip(try #require(run.results).map { $0.ruleId ?? "" }, locations))
        #expect(byRule["a"] == SARIFArtifactLocation(uri: "src/My%20File%231%3A%C3%BC.swift", uriBaseId: "%SRCROOT%"))
        #expect(byRule["b"] == SARIFArtifactLocation(uri: "win/path/x.cs", uriBaseId: "%SRCROOT%"))
        #expect(byRule["c"] == SARIFArtifactLocation(uri: "lib/inner.rb", uriBaseId: "%SRCROOT%"))
        #expect(byRule["d"] == SARIFArtifactLocation(uri: "file:///etc/other.conf"))
    }

    @Test("primaryLocationLineHash comes from the source reader, reading each file once")
    func lineHashFromReader() throws {
        let source = "let key = \"xyz\"\nlet token = readSecret()\nprint(token)\n"
        let reads = Mutex<[String]>([])
        let reader = SARIFSourceReader { repository, path in
            reads.withLock { $0.append("\(repository ?? "-"):\(path)") }
            return path == "Sources/App/main.swift" ? Array(source.utf8) : nil
        }
        let findings = [
            Support.finding(ruleId: "a", file: "Sources/App/main.swift", startLine: 2),
            Support.finding(ruleId: "b", file: "./Sources/App/main.swift", startLine: 3),
            Support.finding(ruleId: "c", file: "missing.swift", startLine: 1),
            Support.finding(ruleId: "d", file: nil, startLine: nil),
        ]
        let run = try Self.onlyRun(SARIFWriter().makeLogs(findings: findings, toolVersion: "1.0.0", sourceReader: reader))
        let expected = PrimaryLocationLineHash.hashes(forFileContents: Array(source.utf8))
        let byRule = Dictionary(uniqueKeysWithValues: try #require(run.results).map { ($0.ruleId ?? "", $0) })
        #expect(byRule["a"]?.partialFingerprints?["primaryLocationLineHash"] == expected[2])
        #expect(byRule["b"]?.partialFingerprints?["primaryLocationLineHash"] == expected[3])
        #expect(byRule["c"]?.partialFingerprints?["primaryLocationLineHash"] == nil)
        #expect(byRule["d"]?.locations == nil)
        for (rule, result) in byRule {
            #expect(result.partialFingerprints?["infinityFindingId/v1"] == findings.first { $0.ruleId == rule }?.fingerprint)
        }
        #expect(reads.withLock { $0 }.sorted() == ["api:Sources/App/main.swift", "api:missing.swift"])
    }

    @Test("the checkout reader hashes real files and refuses paths that leave the checkout")
    func checkoutReader() throws {
        let root = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("src"), withIntermediateDirectories: true)
        try Data("a\nb\n".utf8).write(to: root.appendingPathComponent("src/x.txt"))
        try Data("outside\n".utf8).write(to: root.deletingLastPathComponent().appendingPathComponent("outside-\(root.lastPathComponent).txt"))
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent().appendingPathComponent("outside-\(root.lastPathComponent).txt")) }
        let reader = SARIFSourceReader.checkout(root: root.path)
        #expect(reader.read("api", "src/x.txt") == Array("a\nb\n".utf8))
        #expect(reader.read("api", "src") == nil)
        #expect(reader.read("api", "../outside-\(root.lastPathComponent).txt") == nil)
        #expect(reader.read("api", "src/../../outside-\(root.lastPathComponent).txt") == nil)
        #expect(SARIFSourceReader.checkouts(["api": root.path]).read("web", "src/x.txt") == nil)
        let run = try Self.onlyRun(SARIFWriter().makeLogs(
            findings: [Support.finding(file: "src/x.txt", startLine: 2)], toolVersion: "1.0.0", sourceReader: reader))
        #expect(run.results?.first?.partialFingerprints?["primaryLocationLineHash"]
            == PrimaryLocationLineHash.hashes(forFileContents: Array("a\nb\n".utf8))[2])
    }

    @Test("no source text reaches the log, even when the reader returns the file")
    func noSourceTextCopied() throws {
        let secret = "AKIAIOSFODNN7EXAMPLE"
        let reader = SARIFSourceReader { _, _ in Array("aws_access_key_id = \(secret)\n".utf8) }
        let writer = SARIFWriter()
        let logs = try writer.makeLogs(findings: [Support.finding(file: "creds", startLine: 1)], toolVersion: "1.0.0", sourceReader: reader)
        let text = String(decoding: try writer.encode(logs[0]), as: UTF8.self)
        #expect(!text.contains(secret))
        #expect(!text.contains("snippet"))
        #expect(text.contains("primaryLocationLineHash"))
    }

    @Test("overlong messages are truncated and overlong rule ids shortened stably")
    func truncation() throws {
        let longId = String(repeating: "rule-segment/", count: 30)  // 390 bytes
        let otherLongId = longId + "other"
        let findings = [
            Support.finding(ruleId: longId, message: String(repeating: "m", count: 20_000), file: "a"),
            Support.finding(ruleId: otherLongId, file: "b"),
        ]
        let run = try Self.onlyRun(SARIFWriter().makeLogs(findings: findings, toolVersion: "1.0.0"))
        let results = try #require(run.results)
        let message = try #require(results[0].message.text)
        #expect(message.count == 8_192)
        #expect(message.hasSuffix("[truncated]"))
        let ids = results.compactMap(\.ruleId)
        #expect(ids.allSatisfy { $0.utf8.count <= 255 })
        #expect(ids[0] != ids[1])
        #expect(ids[0].hasPrefix("rule-segment/rule-segment/"))
        let again = try Self.onlyRun(SARIFWriter().makeLogs(findings: findings, toolVersion: "1.0.0"))
        #expect(again.results?.compactMap(\.ruleId) == ids)
        #expect(Set(run.tool.driver.rules?.map(\.id) ?? []) == Set(ids))
    }

    @Test("invalid findings are rejected with their rule, place and repository")
    func invalidFindings() throws {
        let writer = SARIFWriter()
        let bad = Support.finding(ruleId: "weird", severity: "urgent", repository: "payments", file: "app.py", startLine: 12)
        let error = try #require(throws: SARIFError.self) { try writer.makeLogs(findings: [bad], toolVersion: "1") }
        #expect(error.code == .invalidFinding)
        #expect(error.description.contains("infinity-secrets/weird at app.py:12 in repository payments"))
        #expect(error.description.contains("use low, medium, high or critical"))
        #expect(throws: SARIFError.self) { try writer.makeLogs(findings: [Support.finding(ruleId: " ")], toolVersion: "1") }
        #expect(throws: SARIFError.self) { try writer.makeLogs(findings: [Support.finding(fingerprint: "")], toolVersion: "1") }
    }

    @Test("invalid region values are dropped rather than written")
    func regionSanitizing() throws {
        let findings = [
            Support.finding(ruleId: "zero", file: "a", startLine: 0, startColumn: 1),
            Support.finding(ruleId: "backwards", file: "b", startLine: 5, startColumn: 9, endLine: 4, endColumn: 3),
            Support.finding(ruleId: "multi", file: "c", startLine: 5, startColumn: 9, endLine: 7, endColumn: 2),
        ]
        let run = try Self.onlyRun(SARIFWriter().makeLogs(findings: findings, toolVersion: "1"))
        let regions = Dictionary(uniqueKeysWithValues: try #require(run.results).map {
            ($0.ruleId ?? "", $0.locations?.first?.physicalLocation?.region)
        })
        #expect(regions["zero"] == .some(nil))
        #expect(regions["backwards"] == SARIFRegion(startLine: 5, startColumn: 9))
        #expect(regions["multi"] == SARIFRegion(startLine: 5, startColumn: 9, endLine: 7, endColumn: 2))
    }

    @Test("each repository gets its own logs; empty repositories still get their always-emitted runs")
    func perRepository() throws {
        let findings = [
            Support.finding(repository: "web"), Support.finding(repository: "api"), Support.finding(repository: nil),
        ]
        let logs = try SARIFWriter().makeLogs(findings: findings, toolVersion: "1")
        #expect(logs.map { $0.runs[0].properties?["infinity.repository"]?.stringValue } == [nil, "api", "web"])

        let config = SARIFWriter.Configuration(alwaysEmittedTools: ["infinity-secrets", "infinity-deps"])
        let empty = try SARIFWriter(configuration: config).makeLogs(forRepository: "quiet", findings: [], toolVersion: "1")
        #expect(empty.count == 1)
        #expect(empty[0].runs.map { $0.automationDetails?.id } == ["infinity/deps/", "infinity/secrets/"])
        #expect(empty[0].runs.allSatisfy { $0.results == [] && $0.tool.driver.rules == [] })
        #expect(throws: SARIFError.self) {
            try SARIFWriter().makeLogs(forRepository: "quiet", findings: [Support.finding(repository: "api")], toolVersion: "1")
        }
    }
}

/// A small deterministic random generator (SplitMix64) for shuffles.
struct SeededGenerator: RandomNumberGenerator {
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
