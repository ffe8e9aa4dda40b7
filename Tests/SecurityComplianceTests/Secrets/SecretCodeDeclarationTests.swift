import Foundation
import Testing
@testable import SecurityCompliance

/// Declarations, type annotations, attributes and references in code read where an
/// assignment rule expects a value — the false positives the scanner reported on this very
/// repository — and the real secrets assigned in the same languages that must still be found.
@Suite("Secrets in code declarations")
struct SecretCodeDeclarationTests {
    @Test("Swift declarations, attributes, types and references are not secrets", arguments: [
        "public var makeToken: @Sendable () -> String",
        "makeToken: @escaping @Sendable () -> String = { UUID().uuidString }) {",
        "final class SecretTemporaryFolder: @unchecked Sendable {",
        "@MainActor var tokenRefresher: @MainActor (Credential) async -> Void",
        "let token: Secret?",
        "var password: [String: String]",
        "let tokens: Array<String>",
        "let apiToken: Optional<Credential>",
        "let token: (String) -> Void",
        "let signingSecret: any SecretProviding",
        "let apiKey = ProcessInfo.processInfo.environment[\"API_KEY\"]",
        "let token = otherToken",
        "let secret = configuration.clientSecret",
        "let secretNumber = fixture.server.addSecretScanningAlert(\"acme/repo-0001\", GitHubTestSecretAlert(",
        "let secrets = try await harness.client.secretScanningAlerts(\"acme/repo-0030\")",
        "environment: [\"GIT_CONFIG_KEY_0\": \"uploadpack.allowReachableSHA1InWant\"]",
        "let key = \"health:repo-0003\"",
        "\"id\": .string(number == 1 ? \"swift/hardcoded-key\" : \"swift/path-injection\"),",
        "let line = \"\\\"id\\\": flag ? \\\"swift/hardcoded-key\\\" : \\\"swift/path-injection\\\"\"",
        "let e = errors(\"security:\\n  secrets: true\\n  github_alerts: true\\n\")",
        "#expect(RepositoryURL.stripCredentials(\"https://user:tok3n@github.com/o/r.git\") == \"https://github.com/o/r.git\")",
    ])
    func swiftDeclarations(_ line: String) throws {
        let found = try findings(in: line + "\n", name: "Sources/Module/File.swift")
        #expect(found.isEmpty, "\(line) → \(found.map { "\($0.ruleID) \($0.redacted)" })")
    }

    @Test("Kotlin and TypeScript declarations are not secrets", arguments: [
        ("@Inject lateinit var tokenProvider: TokenProvider", "Auth.kt"),
        ("private val apiKey: Lazy<String>", "Auth.kt"),
        ("val password: String? = null", "Auth.kt"),
        ("val cacheKey = \"build-cache:linux-cargo\"", "Cache.kt"),
        ("token: () => string;", "auth.ts"),
        ("readonly secret?: SecretValue;", "auth.ts"),
        ("@Input() authToken: string;", "auth.component.ts"),
    ])
    func otherLanguages(_ line: String, _ file: String) throws {
        let found = try findings(in: line + "\n", name: file)
        #expect(found.isEmpty, "\(line) → \(found.map { "\($0.ruleID) \($0.redacted)" })")
    }

    @Test("a Swift signature quoted in documentation is not a secret")
    func signatureInDocumentation() throws {
        let text = "```swift\npublic var makeToken: @Sendable () -> String\nfinal class Vault: @unchecked Sendable {}\n```\n"
        #expect(try findings(in: text, name: "docs/osv.md").isEmpty)
    }

    @Test("secrets assigned in Swift, Kotlin and TypeScript are still found")
    func realSecretsInCode() throws {
        var random = FakeSecrets(seed: 424_242)
        let value = random.string(FakeSecrets.alnum, 32)
        let cases: [(line: String, file: String, rule: String)] = [
            ("let token = \"" + value + "\"", "Client.swift", "generic-token"),
            ("let token: String = \"" + value + "\"", "Client.swift", "generic-token"),
            ("static let apiKey: String? = \"" + value + "\"", "Client.swift", "generic-api-key"),
            ("let client = Client(token: \"" + value + "\")", "Client.swift", "generic-token"),
            ("client.setPassword(\"" + value + "\")", "Client.swift", "generic-password"),
            ("val password = StringCredentialValue(\"" + value + "\")", "Client.kt", "generic-credential"),
            ("let secret = SecretString(\"" + value + "\")", "Client.swift", "generic-secret"),
            ("val password: String = \"" + value + "\"", "Client.kt", "generic-password"),
            ("const secret: string = '" + value + "';", "client.ts", "generic-secret"),
            ("password: \"" + value + "\",", "client.ts", "generic-password"),
            ("let headers = [\"X-Auth-Token\": \"" + value + "\"]", "Client.swift", "generic-token"),
            ("let token = useVault ? vaultToken : \"" + value + "\"", "Client.swift", "generic-token"),
        ]
        for item in cases {
            let found = try findings(in: "\n" + item.line + "\n", name: item.file)
            let match = found.first { $0.ruleID == item.rule }
            #expect(match?.line == 2, "\(item.line) in \(item.file) → \(found.map(\.ruleID))")
            #expect(!(match?.redacted.contains(value) ?? false))
        }
    }

    @Test("a GitHub token assigned in Swift is found by its own rule")
    func githubTokenInSwift() throws {
        var random = FakeSecrets(seed: 99)
        let line = "let token = \"" + join("gh", "p_", random.string(FakeSecrets.alnum, 36)) + "\"\n"
        #expect(try findings(in: line, name: "Client.swift").map(\.ruleID) == ["github-token"])
    }

    @Test("random values that only look like the excluded shapes are still found")
    func lookAlikesStillFound() throws {
        var random = FakeSecrets(seed: 31_337)
        // Digits glued to letters and a random part: not a key made of words.
        let pathLike = random.string(FakeSecrets.alnum, 10) + "/" + random.string(FakeSecrets.alnum, 12)
        let pathFound = try findings(in: "secret: \"" + pathLike + "\"\n", name: "values.yaml")
        #expect(pathFound.map(\.ruleID) == ["generic-secret"], "\(pathLike)")
        // A random `@…` value in configuration is not an attribute.
        let atValue = "@" + random.string(FakeSecrets.alnum, 20)
        #expect(try findings(in: "DB_PASSWORD=" + atValue + "\n", name: ".env").map(\.ruleID) == ["generic-password"])
        // A key called after a lookup word in another segment is still a key.
        let key = random.string(FakeSecrets.alnum, 32)
        #expect(try findings(in: "CONFIG_ENCRYPTION_KEY=" + key + "\n", name: ".env").map(\.ruleID)
            == ["generic-api-key"])
    }

    @Test("the judge's shape checks", arguments: [
        ("@Sendable", true), ("@escaping", true), ("@unchecked", true), ("@MainActor", true), ("@Xq9vLm27Pw", false),
    ])
    func attributes(_ value: String, _ isAttribute: Bool) {
        #expect(SecretAssignmentJudge.isAttribute(Array(value.utf8), kind: .config) == isAttribute)
    }

    @Test("keys and paths made of words", arguments: [
        ("health:repo-0003", true), ("acme/repo-0001", true), ("build-cache:linux-cargo", true),
        ("Summer2024/winter", false), ("health-repo-0003", false), ("k9QvLm2x/Pw7Zr4t", false),
    ])
    func wordPaths(_ value: String, _ expected: Bool) {
        #expect(SecretAssignmentJudge.isWordPath(Array(value.utf8)) == expected)
    }
}
