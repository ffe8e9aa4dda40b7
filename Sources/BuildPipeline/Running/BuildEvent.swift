import Foundation

/// What a build run reports while it runs, for progress displays.
public enum BuildEvent: Sendable {
    /// The run starts: how many repositories it covers and how many it will build.
    case planned(total: Int, toBuild: Int, maxParallel: Int, estimatedSeconds: Double)
    case started(repository: String)
    case stepStarted(repository: String, step: String)
    /// A repository has its result (built, cached, skipped or failed).
    case finished(RepositoryBuildResult)
}

/// Where events go: a closure called from many tasks at once, which must return quickly.
public struct BuildEventSink: Sendable {
    public var send: @Sendable (BuildEvent) -> Void

    public init(_ send: @escaping @Sendable (BuildEvent) -> Void) { self.send = send }

    /// Drops every event.
    public static let none = BuildEventSink { _ in }
}
