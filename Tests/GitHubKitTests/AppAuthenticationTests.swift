import Crypto
import Foundation
@testable import GitHubKit
import InfinityJSON
import InfinityTestSupport
import Testing
import _CryptoExtras

/// A fresh 2048-bit App key pair (PKCS#1 private PEM as GitHub issues it, SPKI public PEM).
func makeAppKey() throws -> (privatePEM: String, publicPEM: String) {
    let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    return (key.pemRepresentation, key.publicKey.pemRepresentation)
}

@Suite("GitHub App authentication")
struct AppAuthenticationTests {
    @Test("the App JWT is RS256 with iat 60 s in the past, exp at most 10 min ahead, iss = app id")
    func jwtClaims() throws {
        let key = try makeAppKey()
        #expect(key.privatePEM.contains("BEGIN RSA PRIVATE KEY"))
        let signer = try AppJWTSigner(
            credentials: GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(key.privatePEM), installationID: 1))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let jwt = try signer.makeToken(now: now).unredactedValue
        let parts = jwt.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try JSONDecoder().decode(JSONValue.self, from: try #require(Base64URL.decode(parts[0])))
        let claims = try JSONDecoder().decode(JSONValue.self, from: try #require(Base64URL.decode(parts[1])))
        #expect(header["alg"] == "RS256")
        #expect(claims["iat"]?.intValue == 1_700_000_000 - 60)
        let exp = try #require(claims["exp"]?.intValue)
        #expect(exp > 1_700_000_000 && exp <= 1_700_000_000 + 600)
        #expect(claims["iss"]?.intValue == 12345)
        let publicKey = try _RSA.Signing.PublicKey(pemRepresentation: key.publicPEM)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Base64URL.decode(parts[2])))
        #expect(publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8), padding: .insecurePKCS1v1_5))
    }

    @Test("a client id is sent as a string iss")
    func clientIDIssuer() throws {
        let key = try makeAppKey()
        let signer = try AppJWTSigner(
            credentials: GitHubAppCredentials(appID: "Iv1.abc123", privateKeyPEM: Secret(key.privatePEM), installationID: 1))
        let jwt = try signer.makeToken(now: Date()).unredactedValue
        let claims = try JSONDecoder().decode(JSONValue.self, from: try #require(Base64URL.decode(String(jwt.split(separator: ".")[1]))))
        #expect(claims["iss"] == "Iv1.abc123")
    }

    @Test("installation token is minted once, reused, and refreshed before expires_at")
    func mintsReusesAndRefreshes() async throws {
        let key = try makeAppKey()
        let app = GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(key.privatePEM), installationID: 777)
        try await Harness.with(
            server: {
                $0.appPublicKeyPEM = key.publicPEM
                $0.installationTokenLifetime = 3600
            }, authentication: .app(app), useCache: false
        ) { harness in
            _ = try await harness.client.repository("acme/repo-0001")
            _ = try await harness.client.repository("acme/repo-0002")
            #expect(harness.server.tokensMinted == 1)
            #expect(harness.client.stats.tokenRefreshes == 1)
            harness.clock.advance(by: 3600 - 4 * 60)  // inside the 5-minute refresh margin
            _ = try await harness.client.repository("acme/repo-0003")
            #expect(harness.server.tokensMinted == 2)
            let exchanges = harness.server.requests.filter { $0.path.hasSuffix("/access_tokens") }
            #expect(exchanges.count == 2 && exchanges.allSatisfy { $0.status == 201 && $0.method == "POST" })
        }
    }

    @Test("concurrent first requests share one token exchange")
    func concurrentRequestsShareOneExchange() async throws {
        let key = try makeAppKey()
        let app = GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(key.privatePEM), installationID: 777)
        try await Harness.with(server: { $0.appPublicKeyPEM = key.publicPEM }, authentication: .app(app)) { harness in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask { _ = try await harness.client.repository("acme/repo-000\(index)") }
                }
                try await group.waitForAll()
            }
            #expect(harness.server.tokensMinted == 1)
        }
    }

    @Test("a 401 refreshes the installation token once and then succeeds")
    func unauthorizedRefreshesOnce() async throws {
        let key = try makeAppKey()
        let app = GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(key.privatePEM), installationID: 777)
        try await Harness.with(server: { $0.appPublicKeyPEM = key.publicPEM }, authentication: .app(app)) { harness in
            _ = try await harness.client.repository("acme/repo-0001")
            harness.server.inject(.status(401, message: "Bad credentials"), pathContains: "/repos/acme/repo-0002")
            _ = try await harness.client.repository("acme/repo-0002")
            #expect(harness.server.tokensMinted == 2)
        }
    }

    @Test("a 401 that persists after the refresh is a clear unauthorized error")
    func persistentUnauthorizedIsReported() async throws {
        let key = try makeAppKey()
        let app = GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(key.privatePEM), installationID: 777)
        try await Harness.with(server: { $0.appPublicKeyPEM = key.publicPEM }, authentication: .app(app)) { harness in
            harness.server.inject(.status(401, message: "Bad credentials"), pathContains: "/repos/acme/repo-0002", count: 5)
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0002") }
            #expect(error?.code == .unauthorized)
            #expect(error?.repository == "acme/repo-0002")
            #expect(harness.server.requests.filter { $0.path.hasSuffix("/repos/acme/repo-0002") }.count == 2)
        }
    }

    @Test("a key the App does not know is rejected with advice about the app id, key and clock")
    func wrongKeyIsRejected() async throws {
        let registered = try makeAppKey()
        let other = try makeAppKey()
        let app = GitHubAppCredentials(appID: "12345", privateKeyPEM: Secret(other.privatePEM), installationID: 777)
        try await Harness.with(server: { $0.appPublicKeyPEM = registered.publicPEM }, authentication: .app(app)) { harness in
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0001") }
            #expect(error?.code == .unauthorized)
            #expect(error?.message.contains("GitHub App authentication failed") == true)
            #expect(error?.message.contains("clock") == true)
            #expect(harness.server.tokensMinted == 0)
        }
    }

    @Test("loading a key file that is not a PEM key names the file, never its content")
    func badKeyFileIsAConfigurationError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("githubkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.pem").path
        try Data("not-a-key-CANARYCONTENT".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: GitHubError.self) {
            _ = try GitHubAppCredentials.load(appID: "1", privateKeyPath: path, installationID: 1)
        }
        #expect(error?.code == .configuration)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("CANARYCONTENT") == false)

        let key = try makeAppKey()
        try Data(key.privatePEM.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try GitHubAppCredentials.load(appID: "1", privateKeyPath: path, installationID: 9)
        #expect(loaded.installationID == 9)
    }
}
