import Foundation
import GitHubKit
import InfinityJSON
import InfinityTestSupport
import Logging

/// A started test server plus a client wired to it through a shared virtual clock.
struct Harness {
    let server: GitHubTestServer
    let client: GitHubClient
    let clock: GitHubTestClock
    let cache: InMemoryHTTPResponseCache
    let logs: CapturingLogHandler.Sink

    static let token = "ghp_test_token_0123456789"

    /// Runs `body` against a fresh server and client, shutting both down afterwards.
    static func with<T: Sendable>(
        server configure: (inout GitHubTestServerConfiguration) -> Void = { _ in },
        client adjust: (inout GitHubConfiguration) -> Void = { _ in },
        authentication: GitHubAuthentication? = nil,
        useCache: Bool = true,
        _ body: (Harness) async throws -> T
    ) async throws -> T {
        let clock = GitHubTestClock()
        var serverConfiguration = GitHubTestServerConfiguration()
        serverConfiguration.now = clock.nowProvider
        configure(&serverConfiguration)
        let server = try await GitHubTestServer.start(serverConfiguration)
        let sink = CapturingLogHandler.Sink()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(sink: sink) }
        var configuration = try server.clientConfiguration()
        configuration.requestTimeout = .seconds(5)
        adjust(&configuration)
        let cache = InMemoryHTTPResponseCache()
        let client: GitHubClient
        do {
            client = try GitHubClient(
                configuration: configuration, authentication: authentication ?? .token(Secret(token)),
                cache: useCache ? cache : nil, clock: clock, jitter: .seeded(7), logger: logger)
        } catch {
            try await server.shutdown()
            throw error
        }
        let harness = Harness(server: server, client: client, clock: clock, cache: cache, logs: sink)
        do {
            let result = try await body(harness)
            try await client.shutdown()
            try await server.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
    }
}

/// Where the shared reference data lives: `INFINITY_SHARED_DIR`, else `../shared` next to the package.
enum SharedData {
    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static var githubAPI: URL { root.appendingPathComponent("github-api") }

    static var available: Bool {
        FileManager.default.fileExists(atPath: githubAPI.appendingPathComponent("github-rest-subset.json").path)
    }

    static func json(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: githubAPI.appendingPathComponent(name))
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }
}

/// Runs a program and returns its exit status and output, blocking the calling thread (for
/// synchronous probes such as `.enabled(if:)`).
func runProcess(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
    try ExternalProgram.run(executable, arguments, stdin: input)
}

/// Runs a program and returns its exit status and output, without holding a cooperative thread.
func runProcess(_ executable: String, _ arguments: [String], input: Data? = nil) async throws -> (status: Int32, output: String) {
    try await ExternalProgram.run(executable, arguments, stdin: input)
}

/// The path of an executable on PATH, if any.
func which(_ name: String) -> String? { ExternalProgram.path(name) }

