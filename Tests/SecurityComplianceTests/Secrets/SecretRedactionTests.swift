import InfinityModel
import Foundation
import Testing
@testable import SecurityCompliance

@Suite("Redaction and fingerprints")
struct SecretRedactionTests {
    @Test("no output string of a report contains a secret")
    func reportNeverLeaks() async throws {
        let folder = try SecretTemporaryFolder()
        var text = ""
        var secrets: [String] = []
        for rule in SecretRuleCase.all {
            text += rule.positive + "\n"
            secrets.append(rule.secret)
        }
        try folder.write("all.env", text)
        let report = try await SecretScanner().scan(paths: [folder.path])
        #expect(report.findings.count >= SecretRuleCase.all.count / 2)
        let outputs = try everyOutputString(of: report)
        for secret in secrets {
            for output in outputs {
                #expect(!output.contains(secret), "a secret leaked into output")
            }
        }
    }

    @Test("redaction keeps at most four characters and at most a quarter of the value")
    func redactionPrefix() {
        #expect(SecretRedaction.redact("abc") == "…")
        #expect(SecretRedaction.redact("abcdefgh") == "ab…")
        #expect(SecretRedaction.redact(join("gh", "p_", String(repeating: "a", count: 36))) == "ghp_…")
        for length in 1...64 {
            let value = String(repeating: "z", count: length)
            let redacted = SecretRedaction.redact(value)
            #expect(redacted.count - 1 <= min(4, length / 4))
        }
    }

    @Test("errors about a rule never quote a value, only the rule")
    func errorsDoNotLeak() throws {
        let secret = FakeSecrets(seed: 3).base64Value
        let yaml = "rules:\n  - id: broken\n    regex: '(\(secret)'\n    keywords: [x]\n"
        let error = #expect(throws: SecretScanError.self) { try SecretRuleSet.load(yaml: yaml, file: "user.yml") }
        // The message names the rule and place; the pattern text is the user's own rule.
        #expect(error?.description.contains("broken") == true)
        #expect(error?.description.contains("user.yml:2") == true)
    }

    @Test("fingerprints are stable, salted, and depend on rule, path and secret")
    func fingerprintStability() throws {
        let secret = Array("s3cr3t-value-for-fingerprint".utf8)
        let first = SecretRedaction.fingerprint(ruleID: "r", file: "a/b.txt", secret: secret)
        #expect(first == SecretRedaction.fingerprint(ruleID: "r", file: "a/b.txt", secret: secret))
        #expect(first.count == 64)
        #expect(first != SecretRedaction.fingerprint(ruleID: "r2", file: "a/b.txt", secret: secret))
        #expect(first != SecretRedaction.fingerprint(ruleID: "r", file: "a/c.txt", secret: secret))
        #expect(first != SecretRedaction.fingerprint(ruleID: "r", file: "a/b.txt", secret: secret + [1]))
        // Not a plain SHA-256 of the value.
        let plain = SHA256Hex.digest(bytes: secret)
        #expect(first != plain)
        // The same secret on another line of the same file keeps its fingerprint.
        let rule = try #require(SecretRuleCase.all.first { $0.ruleID == "github-token" })
        let one = try findings(in: rule.positive + "\n", name: "x.yml")
        let two = try findings(in: "\n\n\n" + rule.positive + "\n", name: "x.yml")
        #expect(one.first?.fingerprint == two.first?.fingerprint)
        #expect(one.first?.line != two.first?.line)
    }

    @Test("findings encode and decode as JSON without loss")
    func codableRoundTrip() throws {
        let rule = try #require(SecretRuleCase.all.first { $0.ruleID == "aws-access-key-id" })
        let found = try findings(in: rule.positive, name: "deploy.sh")
        let data = try JSONEncoder().encode(found)
        #expect(try JSONDecoder().decode([SecretFinding].self, from: data) == found)
        #expect(String(decoding: data, as: UTF8.self).contains("\"rule_id\":\"aws-access-key-id\""))
    }

    @Test("entropy is in bits per byte")
    func entropy() {
        #expect(SecretRedaction.shannonEntropy(Array("aaaa".utf8)) == 0)
        #expect(abs(SecretRedaction.shannonEntropy(Array("abcd".utf8)) - 2) < 1e-9)
    }
}

extension FakeSecrets {
    var base64Value: String {
        var copy = self
        return copy.string(FakeSecrets.alnum, 24)
    }
}
