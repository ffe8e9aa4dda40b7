import Foundation
import InfinitySystem
import Synchronization

/// A clock tests move by hand: `now` stays where it was set, `sleep` returns at once and
/// moves the time forward by the slept duration.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    /// Moves the time forward.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The clock as the seam the library takes.
    public var wallClock: WallClock {
        WallClock(now: { [self] in self.now }, sleep: { [self] d in
            let c = d.components
            self.advance(by: Double(c.seconds) + Double(c.attoseconds) / 1e18)
        })
    }
}
