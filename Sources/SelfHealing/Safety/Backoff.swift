import Foundation

/// Exponential backoff with full jitter (the AWS Architecture Blog's recommendation):
/// the n-th wait is uniform in `0 … min(cap, base · 2ⁿ)`, so retries from many
/// repositories spread out instead of arriving together.
public struct Backoff: Sendable, Hashable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration = .seconds(30), cap: Duration = .seconds(3600)) {
        self.base = base
        self.cap = cap
    }

    /// The ceiling of the wait before attempt `attempt` (0-based).
    public func ceiling(attempt: Int) -> Duration {
        let exponent = min(max(attempt, 0), 40)
        let baseSeconds = Double(base.components.seconds) + Double(base.components.attoseconds) / 1e18
        let capSeconds = Double(cap.components.seconds) + Double(cap.components.attoseconds) / 1e18
        return .milliseconds(Int64(min(capSeconds, baseSeconds * pow(2, Double(exponent))) * 1000))
    }

    /// A wait before attempt `attempt`, drawn with `random` (a number in 0 ..< 1).
    public func delay(attempt: Int, random: Double) -> Duration {
        let ceilingMs = Double(ceiling(attempt: attempt).components.seconds) * 1000
            + Double(ceiling(attempt: attempt).components.attoseconds) / 1e15
        return .milliseconds(Int64(ceilingMs * min(max(random, 0), 0.999_999)))
    }
}
