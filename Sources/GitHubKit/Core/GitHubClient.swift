import Foundation
import Logging

/// A GitHub REST + GraphQL client that honours GitHub's API rules.
///
/// Authenticates with a token or a GitHub App; paginates with `Link` headers; sends conditional
/// requests through an injected ``HTTPResponseCache``; tracks primary rate limits per resource and
/// pauses before running out; backs off from secondary limits; caps concurrency; serializes and
/// spaces writes; retries 5xx answers and timeouts; caps the waiting of each call; counts what it
/// spends (``stats``). Credentials never appear in logs, errors or descriptions.
public final class GitHubClient: Sendable {
    /// The configuration in force (concurrency and page size already clamped).
    public let configuration: GitHubConfiguration
    let pipeline: RequestPipeline
    let credentials: any CredentialSource
    private let ownsTransport: Bool

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: endpoints and limits; `GitHubConfiguration(apiURL:)` for Enterprise Server.
    ///   - authentication: a token (see ``GitHubAuthentication/token(fromEnvironment:variable:)``) or an App.
    ///   - cache: where `ETag`/`Last-Modified` answers are kept; `nil` disables conditional requests.
    ///   - transport: the HTTP seam; defaults to AsyncHTTPClient (call ``shutdown()`` when done).
    ///   - clock: the time source and sleeper for every wait.
    ///   - jitter: randomness for back-off jitter.
    ///   - logger: receives debug/trace lines with dotted metadata keys; never credentials.
    /// - Throws: ``GitHubError/Code/configuration`` when App credentials are unusable.
    public init(
        configuration: GitHubConfiguration = GitHubConfiguration(),
        authentication: GitHubAuthentication,
        cache: (any HTTPResponseCache)? = nil,
        transport: (any GitHubHTTPTransport)? = nil,
        clock: any GitHubClock = SystemGitHubClock(),
        jitter: GitHubJitter = .system,
        logger: Logger = Logger(label: "githubkit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws {
        self.configuration = configuration
        self.ownsTransport = transport == nil
        let transport =
            transport ?? AsyncHTTPClientTransport(maxConnectionsPerHost: configuration.maxConcurrentRequests)
        let pipeline = RequestPipeline(
            configuration: configuration, transport: transport, clock: clock, jitter: jitter, cache: cache,
            logger: logger)
        self.pipeline = pipeline
        switch authentication {
        case .anonymous:
            self.credentials = StaticCredential(token: nil)
        case .token(let token):
            pipeline.secrets.register(token)
            self.credentials = StaticCredential(token: token)
        case .app(let app):
            pipeline.secrets.register(app.privateKeyPEM)
            let signer = try AppJWTSigner(credentials: app)
            let installation = app.installationID
            self.credentials = InstallationTokenProvider(
                signer: signer, clock: clock, margin: configuration.tokenRefreshMargin,
                exchange: { jwt in
                    try await Self.mintInstallationToken(
                        pipeline: pipeline, jwt: jwt, installationID: installation, appID: signer.issuer)
                })
        }
    }

    /// What the client has spent so far.
    public var stats: GitHubClientStats { pipeline.stats.snapshot }

    /// Zeroes ``stats`` (between benchmark phases).
    public func resetStats() { pipeline.stats.reset() }

    /// The last known primary rate-limit state per resource.
    public func rateLimitStates() async -> [String: RateLimitState] { await pipeline.tracker.snapshot() }

    /// Releases the transport if the client created it.
    public func shutdown() async throws {
        if ownsTransport { try await pipeline.transport.shutdown() }
    }

    /// Runs one request (redirects, retries and waits included) under a fresh waiting budget.
    public func send(_ request: GitHubRequest) async throws -> GitHubResponse {
        try await send(request, budget: WaitBudget(configuration.maxTotalWait))
    }

    func send(_ request: GitHubRequest, budget: WaitBudget) async throws -> GitHubResponse {
        try await pipeline.perform(request, credentials: credentials, budget: budget)
    }

    /// Runs `request` and decodes its JSON body as `T` (REST: snake_case keys).
    public func send<T: Decodable>(_ request: GitHubRequest, as type: T.Type) async throws -> T {
        let response = try await send(request)
        return try decode(type, from: response.body, request: request)
    }

    /// Decodes a REST body, mapping failures to a ``GitHubError/Code/decoding`` error naming the endpoint.
    public func decode<T: Decodable>(_ type: T.Type, from body: Data, request: GitHubRequest) throws -> T {
        try Self.decode(type, from: body, operation: request.operation, repository: request.repository, snakeCase: true)
    }

    static func decode<T: Decodable>(
        _ type: T.Type, from body: Data, operation: String, repository: String?, snakeCase: Bool
    ) throws -> T {
        let decoder = JSONDecoder()
        if snakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        decoder.dateDecodingStrategy = GitHubDate.decodingStrategy
        do {
            return try decoder.decode(type, from: body)
        } catch let error as DecodingError {
            throw GitHubError(
                code: .decoding,
                message: "could not decode the answer of \(operation) as \(T.self): \(describe(error)) "
                    + "(\(body.count) bytes). The body was malformed, truncated or not of the documented shape; "
                    + "retry, and report it if it persists",
                endpoint: operation, repository: repository)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context))"
        case .valueNotFound(let type, let context):
            return "null where \(type) was expected at \(path(context))"
        case .dataCorrupted(let context):
            return "invalid data at \(path(context)): \(context.debugDescription.prefix(200))"
        @unknown default:
            return "undecodable data"
        }
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = GitHubDate.encodingStrategy
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw GitHubError(code: .configuration, message: "could not encode the request body as JSON")
        }
    }

    private static func mintInstallationToken(
        pipeline: RequestPipeline, jwt: Secret, installationID: Int64, appID: String
    ) async throws -> InstallationTokenGrant {
        pipeline.secrets.register(jwt)
        var request = GitHubRequest(
            .post, "/app/installations/\(installationID)/access_tokens",
            operation: "POST /app/installations/{installation_id}/access_tokens")
        request.isWrite = false  // not content-creating; must not queue behind writes
        request.resource = "app_installation_token"  // not the installation's core budget
        let response: GitHubResponse
        do {
            response = try await pipeline.perform(
                request, credentials: StaticCredential(token: jwt),
                budget: WaitBudget(pipeline.configuration.maxTotalWait))
        } catch var error as GitHubError where error.code == .unauthorized || error.code == .notFound {
            error.message = "GitHub App authentication failed for app \(appID), installation \(installationID): "
                + error.message + " Check the app id, that the private key belongs to this App, that the App "
                + "is installed (installation id), and that this machine's clock is correct."
            throw error
        }
        let body = try decode(
            InstallationTokenBody.self, from: response.body, operation: request.operation, repository: nil,
            snakeCase: true)
        guard let expiresAt = GitHubDate.parse(body.expiresAt), !body.token.isEmpty else {
            throw GitHubError(
                code: .decoding, message: "the installation token answer lacked a token or a valid expires_at",
                endpoint: request.operation)
        }
        let token = Secret(body.token)
        pipeline.secrets.register(token)
        pipeline.stats.update { $0.tokenRefreshes += 1 }
        return InstallationTokenGrant(token: token, expiresAt: expiresAt)
    }
}

/// The part of `POST /app/installations/{id}/access_tokens` the client uses.
struct InstallationTokenBody: Decodable {
    var token: String
    var expiresAt: String
}
