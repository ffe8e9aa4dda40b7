import Foundation
import Synchronization

/// GitHub's secondary limits on content-creating requests: at most 80 a minute and 500 an
/// hour. Keeps the times of this token's recent writes — in memory and, with a response cache,
/// in the state store, so separate processes (a health pass every 15 minutes) share one hourly
/// budget — and says when the next write may go.
final class ContentCreationWindow: Sendable {
    let perMinute: Int
    let perHour: Int
    let cache: (any HTTPResponseCache)?
    let key: String
    private let state = Mutex<(loaded: Bool, times: [Date])>((false, []))

    init(perMinute: Int, perHour: Int, cache: (any HTTPResponseCache)?, scope: String) {
        self.perMinute = max(1, perMinute)
        self.perHour = max(1, perHour)
        self.cache = cache
        self.key = "infinity.github.writes.v1 \(scope)"
    }

    /// The earliest time a write may start (nil: now), after the stored history is loaded once.
    func nextSlot(now: Date) async -> Date? {
        if !state.withLock({ $0.loaded }) {
            let stored = await loadStored()
            state.withLock { value in
                if !value.loaded {
                    value.times = (stored + value.times).sorted()
                    value.loaded = true
                }
            }
        }
        return state.withLock { value -> Date? in
            value.times.removeAll { now.timeIntervalSince($0) >= 3600 }
            var slot: Date?
            if value.times.count >= perHour {
                slot = value.times[value.times.count - perHour].addingTimeInterval(3600)
            }
            let lastMinute = value.times.filter { now.timeIntervalSince($0) < 60 }
            if lastMinute.count >= perMinute {
                let minuteSlot = lastMinute[lastMinute.count - perMinute].addingTimeInterval(60)
                slot = max(slot ?? minuteSlot, minuteSlot)
            }
            return slot
        }
    }

    /// Records a write made at `time` (and persists the last hour's writes).
    func record(_ time: Date) async {
        let times = state.withLock { value -> [Date] in
            value.times.append(time)
            value.times.removeAll { time.timeIntervalSince($0) >= 3600 }
            return value.times
        }
        guard let cache, let body = try? JSONEncoder().encode(times.map(\.timeIntervalSince1970)) else { return }
        let entry = CachedResponse(status: 200, etag: nil, lastModified: nil, headers: GitHubHeaders(), body: body, storedAt: time)
        try? await cache.store(key: key, response: entry)
    }

    private func loadStored() async -> [Date] {
        guard let cache, let entry = try? await cache.lookup(key: key),
            let seconds = try? JSONDecoder().decode([Double].self, from: entry.body)
        else { return [] }
        return seconds.map { Date(timeIntervalSince1970: $0) }
    }
}
