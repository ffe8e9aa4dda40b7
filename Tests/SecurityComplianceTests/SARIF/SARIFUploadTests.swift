import Foundation
import InfinityJSON
import SecurityCompliance
import Testing

@Suite("GitHub upload limits and gzip")
struct SARIFUploadTests {
    typealias Support = SARIFTestSupport

    /// `count` distinct findings of one tool.
    static func findings(_ count: Int, tool: String = "infinity-secrets", message: (Int) -> String = { "finding \($0)" }) -> [SecurityFinding] {
        (0..<count).map { index in
            SecurityFinding(
                tool: tool, ruleId: "rule-\(index % 13)", severity: ["low", "medium", "high", "critical"][index % 4],
                message: message(index), repository: "api", file: "src/file\(index % 97).txt", startLine: index % 500 + 1,
                fingerprint: "fp-\(index)")
        }
    }

    /// An incompressible message: chained FNV-ish hex.
    static func noise(_ seed: Int, length: Int) -> String {
        var generator = SeededGenerator(seed: UInt64(seed) &+ 1)
        var text = ""
        while text.count < length { text += String(generator.next(), radix: 36) }
        return String(text.prefix(length))
    }

    @Test("more than 25,000 results for one tool are split into shards of at most 25,000, each its own category")
    func resultsPerRunLimit() throws {
        let findings = Self.findings(25_001)
        let logs = try SARIFWriter().makeLogs(findings: findings, toolVersion: "1.0.0")
        let runs = logs.flatMap(\.runs)
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { ($0.results?.count ?? 0) <= 25_000 })
        #expect(runs.map { $0.automationDetails?.id } == ["infinity/secrets/shard-1-of-2/", "infinity/secrets/shard-2-of-2/"])
        #expect(runs.map { $0.properties?["infinity.shard"]?.stringValue } == ["1/2", "2/2"])
        let written = runs.flatMap { $0.results ?? [] }.compactMap { $0.partialFingerprints?["infinityFindingId/v1"] }
        #expect(written.count == 25_001)
        #expect(Set(written) == Set(findings.map(\.fingerprint)))
        // Every rule a shard references is in that shard's rules, at the right index.
        for run in runs {
            let rules = run.tool.driver.rules ?? []
            #expect(run.results?.allSatisfy { rules[$0.ruleIndex ?? -1].id == $0.ruleId } == true)
        }
    }

    @Test("a finding keeps its shard when other findings come and go")
    func shardsAreStable() throws {
        let limits = SARIFUploadLimits(maxResultsPerRun: 50)
        let writer = SARIFWriter(configuration: .init(limits: limits))
        func shardOf(_ findings: [SecurityFinding]) throws -> [String: String] {
            var map: [String: String] = [:]
            for run in try writer.makeLogs(findings: findings, toolVersion: "1").flatMap(\.runs) {
                for result in run.results ?? [] {
                    map[result.partialFingerprints?["infinityFindingId/v1"] ?? ""] = run.automationDetails?.id
                }
            }
            return map
        }
        let base = Self.findings(150)
        let before = try shardOf(base)
        let after = try shardOf(Array(base.dropFirst(3)) + Self.findings(153).suffix(3).map {
            var moved = $0
            moved.startLine = ($0.startLine ?? 1) + 40  // new findings, and lines that moved
            return moved
        })
        #expect(Set(before.values).count == 4)
        for (fingerprint, category) in after where before[fingerprint] != nil {
            #expect(before[fingerprint] == category, "\(fingerprint)")
        }
    }

    @Test("empty shards are written too, and findings with one identity fall back to slices")
    func emptyShardsAndFallback() throws {
        let writer = SARIFWriter(configuration: .init(limits: SARIFUploadLimits(maxResultsPerRun: 2)))
        let runs = try writer.makeLogs(findings: Self.findings(5), toolVersion: "1").flatMap(\.runs)
        #expect(runs.count >= 4)
        #expect(runs.allSatisfy { ($0.results?.count ?? 0) <= 2 })
        #expect(runs.reduce(0) { $0 + ($1.results?.count ?? 0) } == 5)
        #expect(Set(runs.compactMap { $0.automationDetails?.id }).count == runs.count)

        let same = (1...5).map {
            SecurityFinding(tool: "infinity-deps", ruleId: "CVE-1", severity: "high", message: "m", repository: "api",
                            file: "Package.resolved", startLine: $0, fingerprint: "one")
        }
        let slices = try writer.makeLogs(findings: same, toolVersion: "1").flatMap(\.runs)
        #expect(slices.map { $0.results?.count ?? 0 } == [2, 2, 1])
        #expect(slices.map { $0.automationDetails?.id } == [
            "infinity/deps/shard-1-of-3/", "infinity/deps/shard-2-of-3/", "infinity/deps/shard-3-of-3/",
        ])
    }

    @Test("no file holds more than 20 runs or two runs of one category")
    func runsPerFileLimit() throws {
        let tools = (1...45).map { "tool-\($0)" }
        let findings = tools.flatMap { Self.findings(2, tool: $0) }
        let logs = try SARIFWriter().makeLogs(findings: findings, toolVersion: "1")
        #expect(logs.map(\.runs.count) == [20, 20, 5])
        for log in logs {
            let categories = log.runs.compactMap { $0.automationDetails?.id }
            #expect(Set(categories).count == log.runs.count)
        }
        let small = try SARIFWriter(configuration: .init(limits: SARIFUploadLimits(maxRunsPerFile: 3)))
            .makeLogs(findings: Array(findings.prefix(14)), toolVersion: "1")
        #expect(small.map(\.runs.count) == [3, 3, 1])
    }

    @Test("uploads stay under the gzip size limit by splitting files and then runs")
    func gzipSizeLimit() throws {
        let limit = 20_000
        let writer = SARIFWriter(configuration: .init(limits: SARIFUploadLimits(maxGzippedFileBytes: limit)))
        let findings = Self.findings(300, message: { Self.noise($0, length: 400) })
            + Self.findings(40, tool: "infinity-deps", message: { Self.noise($0 + 1_000, length: 400) })
        let uploads = try writer.makeUploads(findings: findings, toolVersion: "1")
        #expect(uploads.count > 2)
        var fingerprints: [String] = []
        var categories: [String] = []
        for upload in uploads {
            #expect(upload.gzipped.count <= limit)
            #expect(try GzipCodec.gunzip(upload.gzipped) == upload.json)
            #expect(try writer.encode(upload.log) == upload.json)
            #expect(Data(base64Encoded: upload.gzipBase64) == upload.gzipped)
            #expect(upload.repository == "api")
            fingerprints += try SARIFIngestor().findings(fromData: upload.json, fileName: "upload").map(\.fingerprint)
            categories += upload.log.runs.compactMap { $0.automationDetails?.id }
        }
        #expect(fingerprints.sorted() == findings.map(\.fingerprint).sorted())
        #expect(Set(categories).count == categories.count)
    }

    @Test("a single result that cannot fit is an error that says what to shorten")
    func singleResultTooLarge() throws {
        let writer = SARIFWriter(configuration: .init(limits: SARIFUploadLimits(maxGzippedFileBytes: 1_000)))
        let huge = Self.findings(1, message: { Self.noise($0, length: 6_000) })
        let error = try #require(throws: SARIFError.self) { try writer.makeUploads(findings: huge, toolVersion: "1") }
        #expect(error.code == .uploadTooLarge)
        #expect(error.message.contains("infinity-secrets"))
        #expect(error.message.contains("repository api"))
    }

    @Test("gzip output is a real gzip stream: our gunzip and the gzip tool both restore it")
    func gzipRoundTrip() async throws {
        let samples = [
            Data(), Data("{\"version\":\"2.1.0\"}".utf8),
            Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
        ]
        for sample in samples {
            let compressed = try GzipCodec.gzip(sample)
            #expect(GzipCodec.isGzip(compressed))
            #expect(try GzipCodec.gunzip(compressed) == sample)
            #expect(try GzipCodec.gunzip(try #require(Data(base64Encoded: try GzipCodec.gzipBase64(sample)))) == sample)
        }
        if let gzip = Support.executable("gzip") {
            let data = Data(String(repeating: "SARIF ", count: 50_000).utf8)
            let result = try await Support.run(gzip, ["-dc"], stdin: try GzipCodec.gzip(data))
            #expect(result.status == 0)
            #expect(result.output == String(decoding: data, as: UTF8.self))
        }
    }

    @Test("gunzip rejects garbage, truncated streams and output past its limit")
    func gunzipRejectsBadInput() throws {
        #expect(throws: SARIFError.self) { try GzipCodec.gunzip(Data("not gzip at all".utf8)) }
        let compressed = try GzipCodec.gzip(Data(String(repeating: "abc", count: 10_000).utf8))
        let truncated = try #require(throws: SARIFError.self) { try GzipCodec.gunzip(compressed.prefix(compressed.count / 2)) }
        #expect(truncated.code == .compression)
        let limited = try #require(throws: SARIFError.self) { try GzipCodec.gunzip(compressed, maxOutputBytes: 1_000) }
        #expect(limited.code == .fileTooLarge)
    }
}
