import Foundation

/// The last known primary rate-limit state of one resource (`core`, `search`, `graphql`, …).
public struct RateLimitState: Sendable, Hashable, Codable {
    /// `x-ratelimit-resource`.
    public var resource: String
    /// `x-ratelimit-limit`.
    public var limit: Int
    /// `x-ratelimit-remaining` as last reported (lowest seen in this window).
    public var remaining: Int
    /// `x-ratelimit-used` (highest seen in this window).
    public var used: Int
    /// `x-ratelimit-reset` as a date.
    public var reset: Date
}

/// Tracks `x-ratelimit-*` per resource and says when a request must wait for a reset.
///
/// Answers can arrive out of order, so within one window the highest `used` wins. Requests
/// in flight are counted separately (``begin(resource:)`` / ``end(resource:)``) so that many
/// parallel requests cannot overrun the reserve, while free `304`s leave no lasting trace.
actor RateLimitTracker {
    private var states: [String: RateLimitState] = [:]
    private var pending: [String: Int] = [:]
    private let reserve: Int

    init(reserve: Int) {
        self.reserve = max(0, reserve)
    }

    /// The time to wait until before sending to `resource`, or `nil` to go now.
    func blockedUntil(resource: String, now: Date) -> Date? {
        guard let state = states[resource], state.reset > now,
            state.remaining - (pending[resource] ?? 0) <= reserve
        else { return nil }
        return state.reset.addingTimeInterval(1)
    }

    /// Counts a request to `resource` as in flight.
    func begin(resource: String) {
        pending[resource, default: 0] += 1
    }

    /// Counts a request to `resource` as answered (or failed).
    func end(resource: String) {
        pending[resource] = max(0, (pending[resource] ?? 0) - 1)
    }

    /// Records the rate-limit headers of an answer. Returns the state recorded, if any.
    @discardableResult
    func update(from headers: GitHubHeaders, fallbackResource: String) -> RateLimitState? {
        guard let limitText = headers["x-ratelimit-limit"], let limit = Int(limitText),
            let remainingText = headers["x-ratelimit-remaining"], let remaining = Int(remainingText),
            let resetText = headers["x-ratelimit-reset"], let resetEpoch = Double(resetText)
        else { return nil }
        let resource = headers["x-ratelimit-resource"] ?? fallbackResource
        let used = headers["x-ratelimit-used"].flatMap(Int.init) ?? max(0, limit - remaining)
        let incoming = RateLimitState(
            resource: resource, limit: limit, remaining: remaining, used: used,
            reset: Date(timeIntervalSince1970: resetEpoch))
        return merge(incoming)
    }

    /// Records GraphQL's `rateLimit { remaining resetAt }` (and `limit` when asked for).
    func updateGraphQL(remaining: Int, resetAt: Date, limit: Int?) {
        let known = limit ?? states["graphql"]?.limit ?? 5000
        merge(RateLimitState(resource: "graphql", limit: known, remaining: remaining, used: max(0, known - remaining), reset: resetAt))
    }

    /// Marks `resource` exhausted until `reset` (after a 403/429 with remaining 0).
    func markExhausted(resource: String, until reset: Date) {
        var state = states[resource] ?? RateLimitState(resource: resource, limit: 0, remaining: 0, used: 0, reset: reset)
        state.remaining = 0
        state.used = max(state.used, state.limit)
        state.reset = max(state.reset, reset)
        states[resource] = state
    }

    /// Every resource's last known state.
    func snapshot() -> [String: RateLimitState] { states }

    @discardableResult
    private func merge(_ incoming: RateLimitState) -> RateLimitState {
        guard let previous = states[incoming.resource] else {
            states[incoming.resource] = incoming
            return incoming
        }
        if abs(previous.reset.timeIntervalSince(incoming.reset)) < 1 {
            var state = previous
            state.limit = incoming.limit
            state.used = max(previous.used, incoming.used)
            state.remaining = min(previous.remaining, incoming.remaining)
            states[incoming.resource] = state
            return state
        }
        if incoming.reset < previous.reset { return previous }  // an answer from an older window
        states[incoming.resource] = incoming
        return incoming
    }
}
