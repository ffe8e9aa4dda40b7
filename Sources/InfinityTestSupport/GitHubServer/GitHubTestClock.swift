import Foundation
import GitHubKit
import Synchronization

/// A virtual clock: sleeping advances time at once, so tests and benchmarks never really wait.
///
/// Share it between the client (`clock:`) and the server (`configuration.now`) so rate-limit
/// resets and `retry-after` windows are judged on the same time line.
public final class GitHubTestClock: GitHubClock {
    private let state: Mutex<(now: Date, sleeps: [Double])>

    /// Starts at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        self.state = Mutex((start, []))
    }

    /// The virtual time.
    public func now() -> Date { state.withLock { $0.now } }

    /// Advances by `duration` and returns.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        state.withLock { value in
            value.now = value.now.addingTimeInterval(max(0, seconds))
            value.sleeps.append(seconds)
        }
        await Task.yield()
    }

    /// Advances to `deadline` (if later) and returns; concurrent sleepers to one deadline do not add up.
    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        state.withLock { value in
            let seconds = deadline.timeIntervalSince(value.now)
            value.sleeps.append(max(0, seconds))
            if deadline > value.now { value.now = deadline }
        }
        await Task.yield()
    }

    /// Moves time forward without a sleeper (e.g. to pass a token's expiry).
    public func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(max(0, seconds)) }
    }

    /// Every sleep requested so far, in seconds.
    public var sleeps: [Double] { state.withLock { $0.sleeps } }

    /// A closure reading this clock, for ``GitHubTestServerConfiguration/now``.
    public var nowProvider: @Sendable () -> Date { { [self] in self.now() } }
}
