import Logging
import Synchronization

/// A log handler that keeps every rendered line (level, message, sorted metadata, error), so
/// tests can check what was logged — and that no secret ever was.
public struct CapturingLogHandler: LogHandler {
    /// Where the lines go; share one between the handlers a `Logger` factory makes.
    public final class Sink: Sendable {
        let lines = Mutex<[String]>([])

        /// Creates an empty sink.
        public init() {}

        /// Every line logged so far.
        public var all: [String] { lines.withLock { $0 } }
    }

    public let sink: Sink
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    /// Creates a handler writing into `sink`, logging every level.
    public init(sink: Sink) {
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let error = event.error.map { " error=\($0)" } ?? ""
        sink.lines.withLock { $0.append("\(event.level) \(event.message) \(rendered)\(error)") }
    }
}
