import Foundation
import GitHubKit
import InfinityTestSupport
import Logging
import Testing

@Suite("Credentials never leak")
struct SecretRedactionTests {
    static let canary = "ghp_CANARY_7f3c9a1e5d2b8046"

    @Test("Secret prints as <redacted> through every description path")
    func secretDescriptions() {
        let secret = Secret(Self.canary)
        var dumped = ""
        dump(secret, to: &dumped)
        let renderings = [
            "\(secret)", String(describing: secret), String(reflecting: secret), dumped, "\([secret])",
            "\(GitHubAuthentication.token(secret))", String(reflecting: GitHubAuthentication.token(secret)),
        ]
        for text in renderings {
            #expect(!text.contains(Self.canary), "leaked in: \(text)")
        }
        #expect(secret.unredactedValue == Self.canary)
        let request = TransportRequest(
            method: "GET", url: URL(fileURLWithPath: "/"), headers: GitHubHeaders([("Authorization", "Bearer \(Self.canary)")]),
            body: nil)
        var dumpedRequest = ""
        dump(request, to: &dumpedRequest)
        for text in [String(describing: request), String(reflecting: request), dumpedRequest, "\(request.headers)"] {
            #expect(!text.contains(Self.canary), "leaked in: \(text)")
        }
        #expect(request.headers["authorization"] == "Bearer \(Self.canary)")
    }

    @Test("no error, description or log line carries the canary token")
    func canaryNeverLeaks() async throws {
        try await Harness.with(
            server: {
                $0.validTokens = [Self.canary]
                $0.faults.hangDuration = .milliseconds(50)
            },
            client: { $0.maxTotalWait = .seconds(100) },
            authentication: .token(Secret(Self.canary))
        ) { harness in
            var errors: [GitHubError] = []
            func capture(_ body: () async throws -> Void) async {
                do { try await body() } catch let error as GitHubError { errors.append(error) } catch {
                    Issue.record("unexpected error type \(type(of: error))")
                }
            }
            // Successful calls of many kinds, so every log path runs at trace level.
            _ = try await harness.client.listOrganizationRepositories(organization: "acme")
            _ = try await harness.client.discoverOrganization("acme")
            _ = try await harness.client.jobLogs("acme/repo-0001", jobID: 20000)
            // Failures of every kind.
            harness.server.inject(.status(401, message: "Bad credentials \(Self.canary)"), pathContains: "/repos/acme/repo-0001")
            await capture { _ = try await harness.client.repository("acme/repo-0001") }
            await capture { _ = try await harness.client.repository("acme/missing") }
            harness.server.inject(.validationFailed(message: "Validation Failed", errors: [.init(resource: "Issue", field: "title", code: "missing_field")]), pathContains: "/issues")
            await capture { _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: "x")) }
            harness.server.inject(.malformedJSON, pathContains: "/repos/acme/repo-0002")
            await capture { _ = try await harness.client.repository("acme/repo-0002") }
            harness.server.inject(.primaryExhausted, pathContains: "/repos/acme/repo-0003")
            await capture { _ = try await harness.client.repository("acme/repo-0003") }
            harness.server.inject(.hang, pathContains: "/repos/acme/repo-0004", count: 5)
            await capture { _ = try await harness.client.repository("acme/repo-0004") }
            harness.server.inject(.status(403, message: "Resource not accessible by integration"), pathContains: "/repos/acme/repo-0005")
            await capture { _ = try await harness.client.repository("acme/repo-0005") }
            harness.server.expireToken(Self.canary)
            await capture { _ = try await harness.client.repository("acme/repo-0006") }
            #expect(errors.count == 8)
            for error in errors {
                var dumped = ""
                dump(error, to: &dumped)
                for text in [error.description, error.localizedDescription, String(reflecting: error), dumped] {
                    #expect(!text.contains(Self.canary), "leaked in: \(text)")
                }
            }
            #expect(errors.first?.message.contains("<redacted>") == true)
            let lines = harness.logs.all
            #expect(lines.count > 10)
            #expect(lines.allSatisfy { !$0.contains(Self.canary) })
            #expect(lines.allSatisfy { !$0.lowercased().contains("authorization") })
            let stats = harness.client.stats
            var dumpedStats = ""
            dump(stats, to: &dumpedStats)
            #expect(!dumpedStats.contains(Self.canary))
        }
    }

    @Test("the App private key and minted installation tokens never appear in errors or logs")
    func appSecretsNeverLeak() async throws {
        let key = try makeAppKey()
        let app = GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(key.privatePEM), installationID: 777)
        try await Harness.with(server: { $0.appPublicKeyPEM = key.publicPEM }, authentication: .app(app)) { harness in
            _ = try await harness.client.repository("acme/repo-0001")
            harness.server.inject(.status(404, message: "Not Found"), pathContains: "/repos/acme/repo-0002")
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0002") }
            let keyBody = key.privatePEM.split(separator: "\n").dropFirst().first.map(String.init) ?? "unreachable"
            var dumped = ""
            dump(app, to: &dumped)
            for text in [error?.description ?? "", dumped] + harness.logs.all {
                #expect(!text.contains(keyBody))
                #expect(!text.contains("ghs_test"))
            }
        }
    }
}
