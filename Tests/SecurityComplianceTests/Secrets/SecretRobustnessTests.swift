import Foundation
import Testing
@testable import SecurityCompliance

@Suite("Robustness")
struct SecretRobustnessTests {
    @Test("a hostile 1 MB line finishes and still finds a secret near a keyword", .timeLimit(.minutes(1)))
    func hostileLine() throws {
        let rule = try #require(SecretRuleCase.all.first { $0.ruleID == "github-token" })
        // Many keywords and near-misses on one line: password=, ://, key-, eyJ, quotes.
        let unit = "password=\"\" key-=: eyJ.eyJ. a://b:@ token token ' \" "
        var line = String(repeating: unit, count: (1 << 20) / unit.count)
        line += rule.positive + " "
        line += String(repeating: "a", count: 4096)
        let found = try findings(in: line + "\n", name: "blob.yml")
        #expect(found.contains { $0.ruleID == "github-token" })
    }

    @Test("a line of one repeated character does not stall", .timeLimit(.minutes(1)))
    func repeatedCharacter() throws {
        let text = "secret=" + String(repeating: "=", count: 1 << 20) + "\n" + "password: " + String(repeating: "a", count: 1 << 20)
        _ = try findings(in: text, name: "x.env")
    }

    @Test("non-UTF-8 bytes do not stop the scan and columns stay byte-accurate")
    func nonUTF8() async throws {
        let folder = try SecretTemporaryFolder()
        let rule = try #require(SecretRuleCase.all.first { $0.ruleID == "aws-access-key-id" })
        let latin1: [UInt8] = Array("# caf".utf8) + [0xE9, 0xFF, 0xFE, 0x80] + Array(" \n".utf8)
        let prefix: [UInt8] = [0xC3, 0x28, 0xA0, 0xA1, 0x20]
        let bytes = latin1 + prefix + Array(rule.positive.utf8) + [10]
        try folder.write("legacy.sh", bytes: bytes)
        let report = try await SecretScanner().scan(paths: [folder.path])
        let finding = try #require(report.findings.first)
        #expect(finding.ruleID == "aws-access-key-id")
        #expect(finding.line == 2)
        let offset = try #require(rule.positive.range(of: rule.secret)).lowerBound
        let expectedColumn = prefix.count + rule.positive.utf8.distance(from: rule.positive.startIndex, to: offset) + 1
        #expect(finding.column == expectedColumn)
    }

    @Test("the keyword automaton finds overlapping keywords case-insensitively")
    func automaton() {
        let automaton = KeywordAutomaton(keywords: ["pass", "password", "sword", "key"])
        var hits: [(Int, [Int32])] = []
        let text = Array("xPASSWORD=1 monKEY".utf8)
        text.withUnsafeBufferPointer { buffer in
            automaton.scan(buffer) { end, ids in hits.append((end, ids)) }
        }
        #expect(hits.map(\.0) == [5, 9, 18])
        #expect(hits[1].1.sorted() == [1, 2])
        #expect(hits[2].1 == [3])
    }

    @Test("the Swift Regex engine gives the same findings for rules it can compile")
    func swiftRegexEngine() throws {
        let rules = SecretRuleSet(rules: SecretRuleSet.default.rules.filter { (try? Regex($0.regex)) != nil })
        #expect(rules.rules.count > 10)
        var text = ""
        for rule in SecretRuleCase.all where rules.rules.contains(where: { $0.id == rule.ruleID }) {
            text += rule.positive + "\n"
        }
        let foundation = try SecretScanner(rules: rules).scan(bytes: Array(text.utf8), path: "a.env")
        let swift = try SecretScanner(rules: rules, options: SecretScanOptions(regexEngine: .swiftRegex))
            .scan(bytes: Array(text.utf8), path: "a.env")
        #expect(!foundation.isEmpty)
        #expect(foundation == swift)
    }
}
