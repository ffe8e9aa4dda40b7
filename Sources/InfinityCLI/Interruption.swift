import Dispatch
import Foundation
import Synchronization

/// Runs long work so that SIGINT and SIGTERM stop it cleanly: the signals are caught with
/// dispatch signal sources and cancel the work's task; builds then stop their process
/// groups (SIGTERM, SIGKILL after the grace period), record running builds as `cancelled`
/// and keep finished results. Build steps run in process groups of their own, so a
/// terminal's Ctrl-C reaches only the orchestrator: without this, they would outlive it.
///
/// Exit codes after an interruption: 130 for SIGINT, 143 for SIGTERM (128 + signal).
enum Interruption {
    /// The work's value and the signal that interrupted it, if one did.
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> (value: T, signal: Int32?) {
        let received = Mutex<Int32?>(nil)
        let task = Task { try await work() }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { sig -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let first = received.withLock { current -> Bool in
                    defer { if current == nil { current = sig } }
                    return current == nil
                }
                printError(first ? "\ninterrupted: stopping builds (running ones are recorded as cancelled)…"
                                 : "\nstill stopping: processes that ignore SIGTERM get SIGKILL after the grace period")
                task.cancel()
            }
            source.resume()
            return source
        }
        defer {
            for s in sources { s.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        let value = try await task.value
        return (value, received.withLock { $0 })
    }

    /// The conventional exit status for a run stopped by `signal`.
    static func exitCode(for signal: Int32) -> Int32 { 128 + signal }
}
