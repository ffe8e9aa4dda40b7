import Foundation

/// What a ``GitHubTestServer`` holds and how it misbehaves.
public struct GitHubTestServerConfiguration: Sendable {
    /// The organization login.
    public var organization = "acme"
    /// Synthetic repositories in the organization (`repo-0000` …).
    public var repositoryCount = 25
    /// A user account and how many repositories it has (for the REST user fallback).
    public var userLogin = "octo-user"
    /// Repositories of ``userLogin``.
    public var userRepositoryCount = 3
    /// Tokens the server accepts.
    public var validTokens: Set<String> = ["ghp_test_token_0123456789"]
    /// Tokens the server answers with 401 (expired or revoked).
    public var expiredTokens: Set<String> = []
    /// Whether requests without a token are refused (401).
    public var requireAuthentication = true
    /// The GitHub App id checked against the JWT `iss`.
    public var appID = "12345"
    /// The App's public key (PEM); installation tokens are minted only for JWTs it verifies.
    public var appPublicKeyPEM: String?
    /// The installation id served.
    public var installationID: Int64 = 777
    /// Lifetime of minted installation tokens.
    public var installationTokenLifetime: TimeInterval = 3600
    /// Primary limits per resource (requests or GraphQL points per window).
    public var rateLimits: [String: Int] = [
        "core": 5000, "search": 30, "graphql": 5000, "code_scanning_upload": 1000, "code_search": 10,
    ]
    /// Window lengths per resource in seconds (default 3600; search 60).
    public var rateLimitWindows: [String: TimeInterval] = ["search": 60, "code_search": 60]
    /// Random faults.
    public var faults = GitHubTestFaultPlan()
    /// The time source (share the client's virtual clock in tests).
    public var now: @Sendable () -> Date = { Date() }
    /// The seed for synthetic data.
    public var dataSeed: UInt64 = 42
    /// Whether the organization-level alert listings (`GET /orgs/{org}/…/alerts`) answer 403, as
    /// they do for a token that is not an organization owner or security manager.
    public var organizationAlertsForbidden = false

    /// Creates the default configuration.
    public init() {}
}

/// Random and periodic failures the server injects.
public struct GitHubTestFaultPlan: Sendable {
    /// Fraction (0…1) of API requests answered with 500/502/503.
    public var serverErrorRate = 0.0
    /// Fraction (0…1) of API requests that hang, then have their connection closed.
    public var timeoutRate = 0.0
    /// How long a hanging request hangs (real time) before the server closes it.
    public var hangDuration: Duration = .milliseconds(300)
    /// Every Nth API request is answered with a secondary rate limit (nil: never).
    public var secondaryLimitEvery: Int?
    /// `retry-after` sent with secondary limits, in seconds.
    public var secondaryRetryAfter = 60
    /// 403 or 429 for secondary limits.
    public var secondaryStatus = 403
    /// Whether to send `retry-after` with secondary limits (without it clients must wait ≥ 60 s).
    public var sendRetryAfter = true
    /// The fault RNG seed.
    public var seed: UInt64 = 1

    /// No faults.
    public init() {}
}

/// A one-shot misbehaviour for the next matching request(s).
public enum GitHubTestInjection: Sendable, Hashable {
    /// Answer with `status` and a GitHub error body.
    case status(Int, message: String)
    /// A 422 with `errors[]`.
    case validationFailed(message: String, errors: [GitHubTestValidationError])
    /// A 200 whose body is not JSON.
    case malformedJSON
    /// A 200 whose JSON body is cut in half (a complete HTTP message).
    case truncatedJSON
    /// A 200 whose JSON has wrong types (numbers as strings, objects as arrays).
    case wrongTypes
    /// Hang, then close the connection.
    case hang
    /// A secondary rate limit (403 + retry-after).
    case secondaryLimit(retryAfter: Int?)
    /// Primary exhaustion for the request's resource (403, remaining 0).
    case primaryExhausted
}

/// One `errors[]` entry of an injected 422.
public struct GitHubTestValidationError: Sendable, Hashable {
    /// The resource.
    public var resource: String
    /// The field.
    public var field: String
    /// The code.
    public var code: String

    /// Creates an entry.
    public init(resource: String, field: String, code: String) {
        self.resource = resource
        self.field = field
        self.code = code
    }
}
