import Foundation
import Synchronization

/// The time source and sleeper the client waits with; tests inject a virtual clock.
public protocol GitHubClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration` (a virtual clock may return at once after advancing).
    func sleep(for duration: Duration) async throws
    /// Suspends until `deadline` (a virtual clock advances to it and returns).
    func sleep(until deadline: Date) async throws
}

extension GitHubClock {
    /// Sleeps for the time left until `deadline`.
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now())
        if seconds > 0 { try await sleep(for: .secondsDouble(seconds)) }
    }
}

/// The live clock: `Date()` and `Task.sleep`.
public struct SystemGitHubClock: GitHubClock {
    /// Creates the live clock.
    public init() {}

    /// The current time.
    public func now() -> Date { Date() }

    /// Sleeps for real.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// Random numbers for back-off jitter; seedable so tests are repeatable.
public struct GitHubJitter: Sendable {
    private let source: @Sendable () -> Double

    /// Uses `source`, which must return values in `0..<1`.
    public init(source: @escaping @Sendable () -> Double) {
        self.source = source
    }

    /// System randomness.
    public static var system: GitHubJitter {
        GitHubJitter { Double.random(in: 0..<1) }
    }

    /// A deterministic SplitMix64 sequence.
    public static func seeded(_ seed: UInt64) -> GitHubJitter {
        let state = Mutex(seed)
        return GitHubJitter {
            let value = state.withLock { state -> UInt64 in
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            return Double(value >> 11) / Double(UInt64(1) << 53)
        }
    }

    /// A value uniformly drawn from `lower...upper`.
    func uniform(_ lower: Double, _ upper: Double) -> Double {
        guard upper > lower else { return lower }
        return lower + (upper - lower) * source()
    }
}
