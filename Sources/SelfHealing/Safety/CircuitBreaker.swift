import Foundation

/// A per-repository circuit breaker for healing: after `threshold` failed heals in a row it
/// opens and healing stops; after `cooldown` it lets one trial heal through (half-open);
/// a success closes it, a failure opens it again. `reset()` is the manual override.
public struct CircuitBreaker: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        case closed
        case open
        case halfOpen = "half_open"
    }

    public private(set) var state: State = .closed
    public private(set) var consecutiveFailures = 0
    public private(set) var openedAt: Date?

    public init() {}

    public init(state: State, consecutiveFailures: Int, openedAt: Date?) {
        self.state = state
        self.consecutiveFailures = consecutiveFailures
        self.openedAt = openedAt
    }

    /// Whether a heal may run at `now`; moves an open breaker past its cool-down to half-open.
    public mutating func allows(at now: Date, cooldown: Duration) -> Bool {
        switch state {
        case .closed, .halfOpen:
            return true
        case .open:
            guard let openedAt, now.timeIntervalSince(openedAt) >= Double(cooldown.components.seconds) else { return false }
            state = .halfOpen
            return true
        }
    }

    /// Records a heal's outcome.
    public mutating func record(success: Bool, at now: Date, threshold: Int) {
        if success {
            state = .closed
            consecutiveFailures = 0
            openedAt = nil
            return
        }
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold {
            state = .open
            openedAt = now
        }
    }

    /// Closes the breaker by hand.
    public mutating func reset() {
        state = .closed
        consecutiveFailures = 0
        openedAt = nil
    }

    enum CodingKeys: String, CodingKey {
        case state
        case consecutiveFailures = "consecutive_failures"
        case openedAt = "opened_at"
    }
}
