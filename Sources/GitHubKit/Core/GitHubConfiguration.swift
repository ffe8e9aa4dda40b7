import Foundation

/// How a ``GitHubClient`` talks to GitHub: where, how fast, how patiently.
///
/// Defaults follow GitHub's published guidance (see `shared/github-api/README.md`).
public struct GitHubConfiguration: Sendable {
    /// The REST root: `https://api.github.com` or `https://HOST/api/v3` for Enterprise Server.
    public var apiURL: URL
    /// The GraphQL endpoint: `https://api.github.com/graphql` or `https://HOST/api/graphql`.
    public var graphQLURL: URL
    /// The `User-Agent` GitHub requires on every request.
    public var userAgent: String = "infinity-orchestrator-githubkit"
    /// The `X-GitHub-Api-Version` sent with every REST request.
    public var apiVersion: String = "2022-11-28"
    /// Requests in flight at once; clamped to 1…100 (GitHub allows at most 100).
    public var maxConcurrentRequests: Int {
        get { storedMaxConcurrentRequests }
        set { storedMaxConcurrentRequests = min(100, max(1, newValue)) }
    }
    private var storedMaxConcurrentRequests = 8
    /// `per_page` for list endpoints; clamped to 1…100.
    public var perPage: Int {
        get { storedPerPage }
        set { storedPerPage = min(100, max(1, newValue)) }
    }
    private var storedPerPage = 100
    /// When a resource's remaining quota falls to this many, wait for its reset.
    public var rateLimitReserve: Int = 20
    /// Retries of 5xx answers and timeouts per request (GitHub: a few, with back-off).
    public var maxRetries: Int = 3
    /// First back-off for 5xx/timeouts; doubles per retry, with full jitter.
    public var retryBackoffBase: Duration = .seconds(1)
    /// Time allowed for one HTTP exchange.
    public var requestTimeout: Duration = .seconds(30)
    /// Minimum gap between mutating requests (POST/PATCH/PUT/DELETE); they also never overlap.
    public var writeSpacing: Duration = .seconds(1)
    /// Most content-creating (mutating) requests per minute (GitHub's secondary limit: 80).
    public var writesPerMinute: Int = 80
    /// Most content-creating (mutating) requests per hour (GitHub's secondary limit: 500). Shared
    /// across processes through the response cache; a write that would have to wait longer than
    /// the call's waiting budget fails alone (that repository's action waits for a later pass).
    public var writesPerHour: Int = 500
    /// Minimum back-off after a secondary rate limit (GitHub: at least one minute).
    public var secondaryBackoffBase: Duration = .seconds(60)
    /// Longest single back-off after a secondary rate limit.
    public var secondaryBackoffCap: Duration = .seconds(600)
    /// Secondary-limit answers tolerated per request before giving up.
    public var maxSecondaryRetries: Int = 5
    /// Cap on the total time one call may spend waiting (rate limits, back-offs, write gaps).
    public var maxTotalWait: Duration = .seconds(15 * 60)
    /// Largest response body accepted (job logs can be large).
    public var maxResponseBytes: Int = 64 * 1024 * 1024
    /// Upper bound on pages followed by one paginated call.
    public var maxPages: Int = 2000
    /// Upper bound on redirects followed by one request.
    public var maxRedirects: Int = 5
    /// Refresh a GitHub App installation token this long before its `expires_at`.
    public var tokenRefreshMargin: Duration = .seconds(5 * 60)

    /// Configuration for github.com.
    public init() {
        var components = URLComponents()
        components.scheme = "https"
        components.host = "api.github.com"
        let api = components.url ?? URL(fileURLWithPath: "/")
        self.apiURL = api
        self.graphQLURL = api.appendingPathComponent("graphql")
    }

    /// Configuration for an `api_url`: github.com, `https://HOST/api/v3` (Enterprise Server),
    /// or plain `http` on a loopback address (tests).
    ///
    /// - Throws: ``GitHubError/Code/configuration`` naming the value and the expected forms.
    public init(apiURL text: String) throws {
        self.init()
        let endpoints = try Self.endpoints(forAPIURL: text)
        self.apiURL = endpoints.api
        self.graphQLURL = endpoints.graphQL
    }

    /// The REST and GraphQL URLs for an `api_url`.
    public static func endpoints(forAPIURL text: String) throws -> (api: URL, graphQL: URL) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withoutSlash = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
        guard let components = URLComponents(string: withoutSlash), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.query == nil
        else {
            throw GitHubError(
                code: .configuration,
                message: "api_url '\(text.prefix(200))' is not a URL; use https://api.github.com or "
                    + "https://HOST/api/v3 for GitHub Enterprise Server")
        }
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw GitHubError(
                code: .configuration,
                message: "api_url '\(text.prefix(200))' must use https (plain http is accepted only for "
                    + "loopback test servers), so that tokens are never sent in clear text")
        }
        guard let api = components.url else {
            throw GitHubError(code: .configuration, message: "api_url '\(text.prefix(200))' is not a valid URL")
        }
        var graph = components
        if host.lowercased() == "api.github.com" {
            graph.path = "/graphql"
        } else if components.path.hasSuffix("/api/v3") {
            graph.path = String(components.path.dropLast("/v3".count)) + "/graphql"
        } else {
            graph.path = components.path + "/graphql"
        }
        guard let graphQL = graph.url else {
            throw GitHubError(code: .configuration, message: "api_url '\(text.prefix(200))' is not a valid URL")
        }
        return (api, graphQL)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// A duration from floating-point seconds (negative values become zero).
    static func secondsDouble(_ value: Double) -> Duration {
        guard value.isFinite, value > 0 else { return .zero }
        return .milliseconds(Int64((value * 1000).rounded(.up)))
    }
}
