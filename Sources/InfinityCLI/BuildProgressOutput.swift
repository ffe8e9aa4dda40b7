import BuildPipeline
import Dispatch
import Foundation
import InfinitySystem
import Synchronization

/// Shows a build's progress on standard error: on a terminal, one status line redrawn five
/// times a second (running / queued / done / failed, elapsed, ETA, current repositories)
/// with a line per finished repository above it; otherwise plain lines; nothing when quiet.
/// (`@unchecked Sendable`: `timer` is only touched under `timerLock`; writes go through `writeLock`.)
final class BuildProgressOutput: @unchecked Sendable {
    enum Mode: Sendable { case terminal, plain, quiet }

    let mode: Mode
    let progress: BuildProgress
    private let writeLock = Mutex(false)
    private let timerLock = NSLock()
    private var timer: (any DispatchSourceTimer)?

    init(quiet: Bool, clock: WallClock) {
        mode = quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .plain)
        progress = BuildProgress(now: clock.now)
    }

    /// The sink to hand to the pipeline.
    var sink: BuildEventSink {
        BuildEventSink { [self] event in
            let line = progress.handle(event)
            guard mode != .quiet, let line else { return }
            write(line: line)
        }
    }

    /// Starts redrawing the status line (terminal only).
    func start() {
        guard mode == .terminal else { return }
        let source = DispatchSource.makeTimerSource(queue: .global())
        source.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
        source.setEventHandler { [self] in write(line: nil) }
        source.resume()
        timerLock.withLock { timer = source }
    }

    /// Stops redrawing and clears the status line.
    func stop() {
        guard mode == .terminal else { return }
        timerLock.withLock {
            timer?.cancel()
            timer = nil
        }
        writeLock.withLock { _ in FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    private func write(line: String?) {
        writeLock.withLock { _ in
            var text = ""
            if mode == .terminal { text += "\r\u{1B}[2K" }
            if let line { text += line + "\n" }
            if mode == .terminal { text += progress.statusLine(width: Self.columns() - 1) }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
