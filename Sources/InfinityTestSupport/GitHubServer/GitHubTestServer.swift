import Foundation
import NIOConcurrencyHelpers
import GitHubKit
import NIOCore
import NIOHTTP1
import NIOPosix

/// A GitHub-compatible HTTP/1.1 server on 127.0.0.1 for tests and benchmarks.
///
/// Serves REST under `/api/v3` and GraphQL at `/api/graphql` (Enterprise Server layout) for a
/// synthetic organization, with real `Link` pagination, `ETag`/`Last-Modified` and 304s,
/// decrementing `x-ratelimit-*` budgets, primary and secondary limit answers, injected 5xx,
/// hangs and malformed bodies, renamed (301) and deleted (404) repositories, expired tokens
/// (401), validation failures (422), in-memory issues/pull requests/git data/SARIF, and GitHub
/// App installation tokens minted only for JWTs the configured public key verifies. Job logs
/// redirect (302) to a second listener (another origin). Every request is recorded.
public final class GitHubTestServer: Sendable {
    /// The REST root, `http://127.0.0.1:PORT/api/v3`.
    public let apiURL: URL
    /// The GraphQL endpoint, `http://127.0.0.1:PORT/api/graphql`.
    public let graphQLURL: URL
    /// The log host's origin (a different port).
    public let logHostURL: URL
    let core: GitHubTestServerCore
    private let channels: [any Channel]

    private init(apiURL: URL, graphQLURL: URL, logHostURL: URL, core: GitHubTestServerCore, channels: [any Channel]) {
        self.apiURL = apiURL
        self.graphQLURL = graphQLURL
        self.logHostURL = logHostURL
        self.core = core
        self.channels = channels
    }

    /// Starts a server on ephemeral ports.
    public static func start(_ configuration: GitHubTestServerConfiguration = GitHubTestServerConfiguration()) async throws
        -> GitHubTestServer
    {
        let core = GitHubTestServerCore(configuration: configuration)
        let group = MultiThreadedEventLoopGroup.singleton
        func bind(_ host: ServerHost) async throws -> any Channel {
            try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(GitHubHTTPHandler(core: core, host: host))
                    }
                }
                .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: 0).get()
        }
        let api = try await bind(.api)
        let logs: any Channel
        do {
            logs = try await bind(.logs)
        } catch {
            try? await api.close()
            throw error
        }
        let apiPort = api.localAddress?.port ?? 0
        let logPort = logs.localAddress?.port ?? 0
        let origin = "http://127.0.0.1:\(apiPort)"
        core.state.withLockedValue { state in
            state.json = ServerJSON(api: origin + "/api/v3", web: origin)
            state.logBase = "http://127.0.0.1:\(logPort)"
        }
        guard let apiURL = URL(string: origin + "/api/v3"), let graphQLURL = URL(string: origin + "/api/graphql"),
            let logURL = URL(string: "http://127.0.0.1:\(logPort)")
        else {
            try? await api.close()
            try? await logs.close()
            throw GitHubError(code: .configuration, message: "could not form the test server URLs")
        }
        return GitHubTestServer(apiURL: apiURL, graphQLURL: graphQLURL, logHostURL: logURL, core: core, channels: [api, logs])
    }

    /// Closes the listeners (open connections close with them).
    public func shutdown() async throws {
        for channel in channels { try? await channel.close() }
    }

    /// A client configuration pointing at this server.
    public func clientConfiguration() throws -> GitHubConfiguration {
        try GitHubConfiguration(apiURL: apiURL.absoluteString)
    }
}
