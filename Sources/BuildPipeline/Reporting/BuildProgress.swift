import Foundation
import InfinityModel
import Synchronization

/// Follows a run's events for a progress display: counts of running, queued, done and failed
/// repositories, elapsed time, an estimate of the time left, and what is running now.
/// Thread-safe: events arrive from many tasks.
public final class BuildProgress: Sendable {
    struct State {
        var total = 0
        var toBuild = 0
        var maxParallel = 1
        var estimate: Double = 0
        var running: [String: (step: String?, since: Date)] = [:]
        var finished = 0
        var built = 0
        var failed = 0
        var cached = 0
        var skipped = 0
        var builtSeconds: Double = 0
        /// Results of repositories that ran, and of planned builds skipped for a failed dependency.
        var ran = 0
        var dependencySkipped = 0
        var started: Date?
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// Takes an event; returns the plain line to print for it when output is not a terminal.
    @discardableResult
    public func handle(_ event: BuildEvent) -> String? {
        let time = now()
        return state.withLock { s -> String? in
            switch event {
            case let .planned(total, toBuild, maxParallel, estimate):
                (s.total, s.toBuild, s.maxParallel, s.estimate, s.started) = (total, toBuild, maxParallel, estimate, time)
                return "build: \(total) repositories, \(toBuild) to build, \(total - toBuild) cached or skipped, up to \(maxParallel) at once"
            case .started(let repo):
                s.running[repo] = (nil, time)
                return nil
            case let .stepStarted(repo, step):
                s.running[repo] = (step, s.running[repo]?.since ?? time)
                return nil
            case .finished(let result):
                let wasRunning = s.running.removeValue(forKey: result.repository) != nil
                s.finished += 1
                switch result.status {
                case .succeeded: s.built += 1
                case .failed, .cancelled: s.failed += 1
                case .cached: s.cached += 1
                case .skipped: s.skipped += 1
                }
                if wasRunning {
                    s.ran += 1
                    s.builtSeconds += result.detail.durationSeconds
                } else if result.status == .skipped, result.detail.reason?.hasPrefix("dependency failed") == true {
                    s.dependencySkipped += 1
                }
                guard wasRunning || result.status == .failed || (result.status == .skipped && result.detail.reason?.hasPrefix("dependency") == true) else { return nil }
                return Self.line(for: result)
            }
        }
    }

    /// `✓ name  12.3s` / `✗ name  build failed: exited with status 2 — log: path`.
    public static func line(for result: RepositoryBuildResult) -> String {
        let name = DisplayName.quote(result.repository)
        let took = DurationText.format(result.detail.durationSeconds)
        switch result.status {
        case .succeeded: return "✓ \(name)  \(took)"
        case .cached: return "• \(name)  cached"
        case .skipped: return "- \(name)  skipped: \(result.detail.reason ?? "")"
        case .cancelled: return "■ \(name)  cancelled after \(took)"
        case .failed:
            let step = result.failedStep
            var text = "✗ \(name)  " + (step.map { "\($0.name) failed" } ?? "failed") + ": " + (result.detail.reason ?? "")
            if let log = step?.log { text += " — log: \(log)" }
            return text
        }
    }

    /// One status line, at most `width` columns:
    /// `3 running · 10 queued · 20/33 done · 1 failed · 0:12 elapsed · ETA 0:30 · a (build), b (test)`.
    public func statusLine(width: Int = 120) -> String {
        let time = now()
        let s = state.withLock { $0 }
        let elapsed = s.started.map { time.timeIntervalSince($0) } ?? 0
        let queued = max(0, s.toBuild - s.ran - s.running.count - s.dependencySkipped)
        let perBuild = s.ran > 0 ? s.builtSeconds / Double(s.ran) : (s.toBuild > 0 ? s.estimate / Double(s.toBuild) : 0)
        let left = Double(queued + s.running.count) * perBuild / Double(max(1, min(s.maxParallel, queued + s.running.count)))
        var parts = ["\(s.running.count) running", "\(queued) queued", "\(s.finished)/\(s.total) done", "\(s.failed) failed",
                     "\(clockText(elapsed)) elapsed"]
        if queued + s.running.count > 0 { parts.append("ETA \(clockText(left))") }
        let current = s.running.sorted { $0.value.since < $1.value.since }.map { "\(DisplayName.quote($0.key))\($0.value.step.map { " (\($0))" } ?? "")" }
        if !current.isEmpty { parts.append(current.joined(separator: ", ")) }
        let line = parts.joined(separator: " · ")
        return line.count > width ? String(line.prefix(max(0, width - 1))) + "…" : line
    }

    func clockText(_ seconds: Double) -> String {
        let t = Int(max(0, seconds).rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, (t % 3600) / 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
