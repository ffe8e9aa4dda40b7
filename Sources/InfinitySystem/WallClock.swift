import Foundation

/// The time seam: the current wall-clock time and a way to wait, so tests drive time.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (_ duration: Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system clock.
    public static let live = WallClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
}
