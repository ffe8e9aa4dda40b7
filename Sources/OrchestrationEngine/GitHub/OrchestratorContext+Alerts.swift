import CodeHosts
import Foundation
import InfinityModel
import InfinitySystem

extension OrchestratorContext {
    /// The code host's own security alerts to merge into findings: GitHub's code-scanning,
    /// secret-scanning and Dependabot alerts when `provider: github` and `security.github_alerts`
    /// (default on); nil otherwise (the local provider has none).
    public func makeSecurityAlertSource() throws -> (any HostSecurityAlertSource)? {
        guard configuration.security.githubAlertsEnabled(for: configuration.provider) else { return nil }
        let entry = try githubEntry()
        let clock = self.clock
        return GitHubSecurityAlerts(session: entry.session, cache: entry.cache, logger: logger, clock: { clock.now() })
    }

    /// The alert sources that go with a scan of `secrets` and/or `dependencies`: secret scanning
    /// with secrets, Dependabot with dependencies, code scanning with a full scan.
    public static func alertSources(secrets: Bool, dependencies: Bool) -> Set<SecurityAlert.Source> {
        var sources: Set<SecurityAlert.Source> = []
        if secrets { sources.insert(.secretScanning) }
        if dependencies { sources.insert(.dependabot) }
        if secrets && dependencies { sources.insert(.codeScanning) }
        return sources
    }
}
