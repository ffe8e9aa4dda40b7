import Foundation
import Testing
@testable import SecurityCompliance

@Suite("Rule files")
struct SecretRuleSetTests {
    @Test("the built-in rules load, cover at least 80 rules, and every rule compiles")
    func defaultRules() throws {
        let rules = try SecretRuleSet.loadDefault()
        #expect(rules.rules.count >= 80)
        #expect(Set(rules.rules.map(\.id)).count == rules.rules.count)
        #expect(SecretRuleSet.default.rules.count == rules.rules.count)
        _ = try SecretScanner(rules: rules)
        for rule in rules.rules {
            #expect(!rule.keywords.isEmpty, "\(rule.id)")
            #expect(rule.description != rule.id, "\(rule.id) needs a description")
        }
    }

    @Test("the generated Swift file matches the YAML source")
    func generatedInSync() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("benchmarks/secrets/rules/default-secret-rules.yml")
        guard FileManager.default.fileExists(atPath: source.path) else { return }
        let yaml = try String(contentsOf: source, encoding: .utf8)
        #expect(yaml.trimmingCharacters(in: .newlines) == DefaultSecretRules.yaml.trimmingCharacters(in: .newlines),
                "run benchmarks/secrets/gen-default-rules.sh")
    }

    @Test("a user file overrides by id, disables, and adds rules")
    func overrides() throws {
        let rules = try SecretRuleSet.default.extending(yaml: """
            rules:
              - id: github-token
                severity: low
              - id: slack-token
                disabled: true
              - id: acme-internal-token
                description: ACME internal token
                severity: critical
                regex: '(acme_[a-z0-9]{24})'
                keywords: [acme_]
            """, file: "user.yml")
        let github = try #require(rules.rules.first { $0.id == "github-token" })
        #expect(github.severity == .low)
        #expect(github.regex == SecretRuleSet.default.rules.first { $0.id == "github-token" }?.regex)
        #expect(rules.rules.first { $0.id == "slack-token" }?.disabled == true)
        #expect(!rules.enabledRules.contains { $0.id == "slack-token" })
        var random = FakeSecrets(seed: 11)
        let token = "acme_" + random.string(FakeSecrets.lower + FakeSecrets.digits, 24)
        let slack = try #require(SecretRuleCase.all.first { $0.ruleID == "slack-token" })
        let scanner = try SecretScanner(rules: rules)
        let found = scanner.scan(bytes: Array("t = \(token)\n\(slack.positive)\n".utf8), path: "x.cfg")
        #expect(found.map(\.ruleID).contains("acme-internal-token"))
        #expect(!found.map(\.ruleID).contains("slack-token"))
        #expect(found.first { $0.ruleID == "acme-internal-token" }?.severity == .critical)
    }

    @Test("a bad regex names the rule id and file:line")
    func badRegex() {
        let yaml = "rules:\n  - id: ok\n    regex: 'a(b)'\n    keywords: [a]\n  - id: broken-rule\n    regex: '([a-z'\n    keywords: [x]\n"
        let error = #expect(throws: SecretScanError.self) { try SecretRuleSet.load(yaml: yaml, file: "rules/custom.yml") }
        #expect(error?.code == .invalidRegex)
        #expect(error?.ruleID == "broken-rule")
        #expect(error?.file == "rules/custom.yml")
        #expect(error?.line == 5)
        #expect(error?.description.contains("rules/custom.yml:5") == true)
        #expect(error?.description.contains("broken-rule") == true)
    }

    @Test("nested quantifiers are rejected", arguments: [
        "(a+)+", "(?:\\w*\\s)*x", "([a-z]+)*", "(a|b+){2,}", "((ab)+c)+",
    ])
    func nestedQuantifiers(_ pattern: String) {
        let yaml = "rules:\n  - id: slow\n    regex: '\(pattern)'\n    keywords: [a]\n"
        let error = #expect(throws: SecretScanError.self) { try SecretRuleSet.load(yaml: yaml, file: "u.yml") }
        #expect(error?.code == .unsafeRegex)
        #expect(error?.ruleID == "slow")
    }

    @Test("bounded or single repetitions are allowed", arguments: [
        "(a+)", "(?:ab){3}", "(a+)?", "x[(+]+y", "\\(a+\\)+", "(eyJ[a-z]+\\.){2}",
    ])
    func safePatterns(_ pattern: String) {
        #expect(NestedQuantifierCheck.problem(in: pattern) == nil)
    }

    @Test("schema mistakes are errors with a line", arguments: [
        ("rules:\n  - id: x\n    severity: urgent\n    regex: 'a'\n    keywords: [a]\n", "severity"),
        ("rules:\n  - id: x\n    regex: 'a'\n", "keywords"),
        ("rules:\n  - description: no id\n", "id"),
        ("rules:\n  - id: x\n    regex: 'a'\n    keywords: [a]\n    colour: red\n", "colour"),
        ("rules:\n  - id: x\n    regex: 'a'\n    keywords: [a]\n  - id: x\n    regex: 'b'\n    keywords: [b]\n", "twice"),
        ("rules:\n  - id: nope\n    disabled: true\n", "disable"),
        ("rules: [\n", "YAML"),
        ("rules:\n  - id: x\n    regex: 'a(b)'\n    secret_group: 3\n    keywords: [a]\n", "secret_group"),
    ])
    func schemaErrors(_ yaml: String, _ expected: String) {
        let error = #expect(throws: SecretScanError.self) { try SecretRuleSet.load(yaml: yaml, file: "f.yml") }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
        #expect(error?.line != nil)
    }
}
