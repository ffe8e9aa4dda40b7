import Foundation
import Testing
@testable import SecurityCompliance

@Suite("Inline ignores and baselines")
struct SecretSuppressionTests {
    let rule = SecretRuleCase.all.first { $0.ruleID == "github-token" }!

    @Test("inline markers suppress findings on their line", arguments: [
        "# infinity:ignore", "# gitleaks:allow", "# pragma: allowlist secret",
    ])
    func inlineIgnore(_ marker: String) async throws {
        let folder = try SecretTemporaryFolder()
        try folder.write("ci.yml", rule.positive + " " + marker + "\n" + rule.positive.replacingOccurrences(of: "GITHUB", with: "OTHER") + "\n")
        let report = try await SecretScanner().scan(paths: [folder.path])
        #expect(report.findings.map(\.line) == [2])
        #expect(report.suppressedInline == 1)
    }

    @Test("a next-line marker suppresses the following line only")
    func nextLineIgnore() throws {
        let text = "# infinity:ignore-next-line\n" + rule.positive + "\n" + rule.positive + "\n"
        #expect(try findings(in: text, name: "ci.yml").map(\.line) == [3])
    }

    @Test("inline markers can be switched off")
    func inlineIgnoreOff() throws {
        let text = rule.positive + " # infinity:ignore\n"
        let found = try findings(in: text, name: "ci.yml", options: SecretScanOptions(honourInlineIgnores: false))
        #expect(found.count == 1)
    }

    @Test("a baseline written from a scan suppresses exactly those findings")
    func baselineRoundTrip() async throws {
        let folder = try SecretTemporaryFolder()
        let other = try #require(SecretRuleCase.all.first { $0.ruleID == "stripe-secret-key" })
        try folder.write("a.yml", rule.positive + "\n")
        let first = try await SecretScanner().scan(paths: [folder.path])
        #expect(first.findings.count == 1)
        let baselineFile = try folder.write("baseline.json", bytes: [UInt8](try SecretBaseline(findings: first.findings).encoded()))
        let baseline = try SecretBaseline.decode(Data(contentsOf: URL(fileURLWithPath: baselineFile)), file: baselineFile)
        #expect(baseline.entries.map(\.fingerprint) == first.findings.map(\.fingerprint))
        // Move the accepted secret down a line and add a new one.
        try folder.write("a.yml", "\n" + rule.positive + "\n" + other.positive + "\n")
        let second = try await SecretScanner(options: SecretScanOptions(baseline: baseline)).scan(paths: [folder.path])
        #expect(second.findings.map(\.ruleID) == ["stripe-secret-key"])
        #expect(second.suppressedByBaseline == 1)
    }

    @Test("a malformed baseline is an error that says how to fix it")
    func badBaseline() {
        let error = #expect(throws: SecretScanError.self) {
            try SecretBaseline.decode(Data("[1,2".utf8), file: "base.json")
        }
        #expect(error?.code == .invalidBaseline)
        #expect(error?.description.contains("base.json") == true)
    }
}
