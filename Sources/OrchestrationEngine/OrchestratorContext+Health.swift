import CodeHosts
import Foundation
import HealthMonitor
import InfinityModel
import InfinityStore
import InfinitySystem

extension OrchestratorContext {
    /// `<state>/alerts`: where the local provider keeps its alert files.
    public var alertsDirectory: String { Paths.join(stateDirectory, "alerts") }

    /// The code host's health signals (CI status, branch protection, open items).
    public func makeHostSignals() throws -> any HostHealthSignals {
        switch configuration.provider {
        case .local: return LocalHostSignals()
        case .github: return try makeGitHubSignals()
        }
    }

    /// Where health alerts go: markdown files for the local provider, issues on GitHub.
    public func makeAlertChannel() throws -> any AlertChannel {
        switch configuration.provider {
        case .local: return LocalAlertChannel(directory: alertsDirectory, fileSystem: fileSystem, clock: clock)
        case .github: return GitHubAlertChannel(session: try githubSession())
        }
    }

    /// The health monitor over this context's configuration, host and store.
    public func makeHealthMonitor(store: StateStore) throws -> HealthMonitor {
        HealthMonitor(configuration: configuration, host: try makeCodeHost(), signals: try makeHostSignals(),
                      alerts: try makeAlertChannel(), store: store, fileSystem: fileSystem, clock: clock,
                      logger: logger)
    }
}
