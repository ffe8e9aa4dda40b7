import Foundation
import InfinityModel
import InfinitySystem
import InfinityStore
import Logging
import Synchronization

/// Logging for the executable: one bootstrap, a level the command line can change after
/// parsing (`--verbose`, `--quiet`, `INFINITY_LOG_LEVEL`), lines on standard error.
public enum InfinityLogging {
    static let level = Mutex<Logger.Level>(.warning)

    /// Installs the handler; call once, first thing in `main`.
    public static func bootstrap() {
        if let text = ProcessInfo.processInfo.environment["INFINITY_LOG_LEVEL"], let l = Logger.Level(rawValue: text.lowercased()) {
            level.withLock { $0 = l }
        }
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label) }
    }

    /// Sets the level for every logger from now on.
    public static func setLevel(_ l: Logger.Level) { level.withLock { $0 = l } }
}

/// `2026-11-30T01:02:03Z warning infinity.discovery: message key=value` on standard error.
struct StderrLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String) { self.label = label }

    var logLevel: Logger.Level {
        get { InfinityLogging.level.withLock { $0 } }
        set { InfinityLogging.setLevel(newValue) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= logLevel else { return }
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let meta = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = "\(stamp) \(event.level) \(label): \(event.message)\(meta.isEmpty ? "" : " " + meta)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
