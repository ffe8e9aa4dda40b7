import Synchronization

/// Counters of what a ``GitHubClient`` has spent, for reports and benchmarks.
public struct GitHubClientStats: Sendable, Hashable, Codable {
    /// HTTP exchanges attempted (answered or not).
    public var requests = 0
    /// Exchanges that produced an answer.
    public var responses = 0
    /// `304 Not Modified` answers served from the cache (free of primary quota).
    public var notModified = 0
    /// REST answers from the API origin other than 304: primary-quota points spent.
    public var restQuotaPoints = 0
    /// GraphQL points spent (`rateLimit.cost`, or 1 per query when not reported).
    public var graphQLQuotaPoints = 0
    /// GraphQL requests answered.
    public var graphQLRequests = 0
    /// Retries after 5xx answers, timeouts or connection failures.
    public var retries = 0
    /// Timeouts and connection failures seen.
    public var transportFailures = 0
    /// 5xx answers seen.
    public var serverErrors = 0
    /// Secondary rate-limit answers seen.
    public var secondaryRateLimitHits = 0
    /// Waits for a primary rate-limit reset.
    public var primaryRateLimitWaits = 0
    /// Redirects followed.
    public var redirectsFollowed = 0
    /// GitHub App installation tokens obtained.
    public var tokenRefreshes = 0
    /// Seconds spent waiting on the injected clock.
    public var totalWaitSeconds = 0.0
    /// Most requests observed in flight at once.
    public var maxInFlight = 0

    /// All primary-quota points: REST plus GraphQL.
    public var quotaPoints: Int { restQuotaPoints + graphQLQuotaPoints }

    /// Empty counters.
    public init() {}
}

/// Thread-safe holder of ``GitHubClientStats`` plus the live in-flight count.
final class StatsRecorder: Sendable {
    private let state = Mutex((stats: GitHubClientStats(), inFlight: 0))

    func update(_ body: (inout GitHubClientStats) -> Void) {
        state.withLock { body(&$0.stats) }
    }

    func begin() {
        state.withLock { value in
            value.inFlight += 1
            value.stats.requests += 1
            value.stats.maxInFlight = max(value.stats.maxInFlight, value.inFlight)
        }
    }

    func end() {
        state.withLock { $0.inFlight -= 1 }
    }

    var snapshot: GitHubClientStats { state.withLock { $0.stats } }

    func reset() {
        state.withLock { $0.stats = GitHubClientStats() }
    }
}
