import Foundation
import Synchronization

/// The waiting one public call may still do (rate-limit pauses, back-offs, write gaps).
final class WaitBudget: Sendable {
    private let remaining: Mutex<Double>
    /// The configured cap in seconds.
    let total: Double

    init(_ total: Duration) {
        self.total = total.inSeconds
        self.remaining = Mutex(total.inSeconds)
    }

    /// Takes `seconds` from the budget, or returns `false` (taking nothing) if it would overdraw.
    func spend(_ seconds: Double) -> Bool {
        remaining.withLock { remaining in
            guard seconds <= remaining + 0.000_5 else { return false }
            remaining -= max(0, seconds)
            return true
        }
    }

    /// Seconds left.
    var left: Double { remaining.withLock { $0 } }
}
