import Foundation
import Testing
@testable import SecurityCompliance

@Suite("Secret rule families")
struct SecretRuleFamilyTests {
    @Test("finds the shaped secret with the expected rule", arguments: SecretRuleCase.all)
    func findsTruePositive(_ rule: SecretRuleCase) throws {
        let text = "# first line\n" + rule.positive + "\n"
        let found = try findings(in: text, name: rule.file)
        let match = try #require(found.first { $0.ruleID == rule.ruleID }, "no \(rule.ruleID) finding in \(found.map(\.ruleID))")
        #expect(match.line == 2)
        #expect(match.file == rule.file)
        #expect(!match.redacted.contains(rule.secret))
        #expect(match.fingerprint == SecretRedaction.fingerprint(ruleID: rule.ruleID, file: rule.file, secret: Array(rule.secret.utf8)))
    }

    @Test("ignores placeholders and references", arguments: SecretRuleCase.all)
    func ignoresNegative(_ rule: SecretRuleCase) throws {
        let found = try findings(in: rule.negative + "\n", name: rule.negativeFile ?? rule.file)
        #expect(found.isEmpty, "unexpected \(found.map { "\($0.ruleID) \($0.redacted)" })")
    }

    @Test("private key blocks of every PEM kind are found once, on the BEGIN line")
    func privateKeyBlocks() throws {
        var random = FakeSecrets(seed: 7)
        for kind in ["RSA ", "EC ", "DSA ", "", "ENCRYPTED ", "OPENSSH "] {
            var body = ""
            for _ in 0..<8 { body += random.string(FakeSecrets.base64, 64) + "\n" }
            let header = kind == "ENCRYPTED " || kind == "RSA " ? "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011\n\n" : ""
            let pem = join("-----BEGIN ", kind, "PRIVATE", " KEY-----\n") + header + body + join("-----END ", kind, "PRIVATE KEY-----\n")
            let found = try findings(in: "key:\n" + pem, name: "id_\(kind.lowercased()).pem")
            #expect(found.count == 1, "\(kind): \(found.map(\.ruleID))")
            #expect(found.first?.ruleID == "private-key")
            #expect(found.first?.line == 2)
        }
    }

    @Test("PGP private key blocks and PuTTY key files are found")
    func pgpAndPutty() throws {
        var random = FakeSecrets(seed: 8)
        let pgp = join("-----BEGIN PGP ", "PRIVATE KEY BLOCK-----\n") + "\n"
            + (0..<4).map { _ in random.string(FakeSecrets.base64, 64) }.joined(separator: "\n")
            + "\n-----END PGP PRIVATE KEY BLOCK-----\n"
        #expect(try findings(in: pgp, name: "key.asc").map(\.ruleID) == ["private-key"])
        let putty = join("PuTTY-User-Key-", "File-3: ssh-ed25519\n") + "Encryption: none\nComment: k\nPublic-Lines: 2\n"
            + random.string(FakeSecrets.base64, 64) + "\n" + random.string(FakeSecrets.base64, 20)
            + "\nPrivate-Lines: 1\n" + random.string(FakeSecrets.base64, 64) + "\n"
        #expect(try findings(in: putty, name: "key.ppk").map(\.ruleID) == ["putty-private-key"])
    }

    @Test("a PEM header without a real body is not a finding")
    func pemPlaceholder() throws {
        let text = join("-----BEGIN RSA ", "PRIVATE KEY-----\n") + "...\n-----END RSA PRIVATE KEY-----\n"
        #expect(try findings(in: text, name: "README.md").isEmpty)
        let inline = "const key = \"" + join("-----BEGIN ", "PRIVATE KEY-----") + "\\nMIIE...\\n-----END PRIVATE KEY-----\";"
        #expect(try findings(in: inline, name: "doc.js").isEmpty)
    }

    @Test("a JWT-shaped value whose parts are not JSON is not a JWT")
    func jwtValidation() {
        let good = join(Data(#"{"alg":"none"}"#.utf8).base64URL, ".", Data(#"{"a":1}"#.utf8).base64URL, ".")
        #expect(SecretFormatValidators.isJWT(Array(good.utf8)))
        let bad = join("eyJ", "hbGciOiJIUzI1NiJ", ".", "eyJ", "zdWIiOiIxMjM0NTY3ODkwIn", ".", "sig")
        #expect(!SecretFormatValidators.isJWT(Array(bad.utf8)))
    }

    @Test("generic placeholders are never findings", arguments: [
        "changeme", "password", "${DB_PASSWORD}", "$DB_PASSWORD", "%(db_password)s", "{{ db_password }}",
        "<your-password>", "xxxxxxxxxx", "**********", "example-password", "dummy-pass-1", "test1234test",
        "null", "None", "", "your_password_here",
    ])
    func placeholders(_ value: String) throws {
        for line in ["password = \"\(value)\"", "password: \(value)", "PASSWORD=\(value)", "{\"password\": \"\(value)\"}"] {
            let found = try findings(in: line + "\n", name: "settings.yaml")
            #expect(found.isEmpty, "\(line) → \(found.map(\.ruleID))")
        }
    }

    @Test("variable references are not findings in code", arguments: [
        "password = get_password()", "password = os.environ[\"DB_PASSWORD\"]", "password = os.getenv('PW')",
        "this.password = options.password;", "const password = req.body.password;", "password := cfg.Password",
        "if password == nil {", "def login(username, password=None):", "password: string;",
    ])
    func variableReferences(_ line: String) throws {
        for name in ["auth.py", "auth.ts", "auth.go"] {
            #expect(try findings(in: line + "\n", name: name).isEmpty, "\(line) in \(name)")
        }
    }

    @Test("test fixtures are dropped by default and reported when configured")
    func testFixtures() throws {
        let line = "password = \"test-Xq9vLm27\"\n"
        #expect(try findings(in: line, name: "conf.py").isEmpty)
        let kept = try findings(in: line, name: "conf.py", options: SecretScanOptions(ignoreTestFixtures: false))
        #expect(kept.map(\.ruleID) == ["generic-password"])
    }
}

@Suite("Every built-in rule")
struct SecretRuleCoverageTests {
    @Test("finds its shaped sample", arguments: SecretRuleSample.all)
    func sample(_ sample: SecretRuleSample) throws {
        let found = try findings(in: "\n" + sample.line + "\n", name: sample.file)
        #expect(found.contains { $0.ruleID == sample.ruleID && $0.line == 2 }, "found \(found.map(\.ruleID))")
    }

    @Test("has a sample or a family case")
    func everyRuleHasASample() {
        let covered = Set(SecretRuleCase.all.map(\.ruleID) + SecretRuleSample.all.map(\.ruleID)
            + ["private-key", "putty-private-key"])
        let missing = SecretRuleSet.default.rules.map(\.id).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a test sample: \(missing)")
    }
}
