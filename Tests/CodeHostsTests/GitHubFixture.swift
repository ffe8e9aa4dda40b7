import CodeHosts
import Foundation
import InfinityModel
import InfinityTestSupport
import Logging
import OrchestrationEngine

/// A GitHub test server plus a project folder configured for `provider: github` against it.
struct GitHubFixture {
    static let canary = "ghp_CANARY_5f1e0c9a7b3d2e8f4a6c"
    static let tokenVariable = "INFINITY_TEST_CANARY_TOKEN"

    let server: GitHubTestServer
    let dir: TemporaryDirectory
    let logs = CapturingLogHandler.Sink()

    /// Starts a server with `repositories` synthetic repositories accepting only the canary token.
    static func start(repositories: Int, configure: (inout GitHubTestServerConfiguration) -> Void = { _ in }) async throws -> GitHubFixture {
        var configuration = GitHubTestServerConfiguration()
        configuration.repositoryCount = repositories
        configuration.validTokens = [canary]
        configure(&configuration)
        let server = try await GitHubTestServer.start(configuration)
        let dir = try TemporaryDirectory()
        let fixture = GitHubFixture(server: server, dir: dir)
        try FileManager.default.createDirectory(atPath: dir.url("config"), withIntermediateDirectories: true)
        try Data(fixture.yaml().utf8).write(to: URL(fileURLWithPath: fixture.configPath))
        return fixture
    }

    var configPath: String { dir.url("config/orchestrator.yml") }

    func yaml(extra: String = "") -> String {
        """
        organization: acme
        provider: github
        github:
          org: acme
          api_url: \(server.apiURL.absoluteString)
          token_env: \(Self.tokenVariable)
          max_concurrent_requests: 8
        \(extra)
        """
    }

    /// A fresh context — as a new process would build it: new client, same state store file.
    func context(environment: [String: String]? = nil) throws -> OrchestratorContext {
        let loaded = try OrchestratorConfiguration.decode(yaml: yaml(), file: configPath)
        let sink = logs
        return OrchestratorContext(projectRoot: dir.path, loaded: loaded,
                                   environment: environment ?? [Self.tokenVariable: Self.canary],
                                   logger: Logger(label: "test") { _ in
                                       var handler = CapturingLogHandler(sink: sink)
                                       handler.logLevel = .trace
                                       return handler
                                   })
    }

    func stop() async {
        try? await server.shutdown()
        dir.remove()
    }

    /// Requests the server saw that cost primary quota.
    var chargedRequests: Int { server.requests.filter { $0.quotaCharged > 0 }.count }
}
