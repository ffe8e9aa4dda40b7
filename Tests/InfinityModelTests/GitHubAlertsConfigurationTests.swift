import Foundation
import InfinityModel
import Testing

@Suite("Configuration: security.github_alerts")
struct GitHubAlertsConfigurationTests {
    @Test("on by default with provider: github, off with local; false turns it off")
    func defaults() throws {
        let github = try OrchestratorConfiguration.decode(yaml: "provider: github\ngithub:\n  org: acme\n", file: "o.yml").configuration
        #expect(github.security.githubAlerts == nil)
        #expect(github.security.githubAlertsEnabled(for: github.provider))
        #expect(github.flattened.contains { $0.key == "security.github_alerts" && $0.value == "true" })
        let off = try OrchestratorConfiguration.decode(yaml: "provider: github\ngithub:\n  org: acme\nsecurity:\n  github_alerts: false\n",
                                                       file: "o.yml").configuration
        #expect(!off.security.githubAlertsEnabled(for: off.provider))
        let local = try OrchestratorConfiguration.decode(yaml: "local:\n  path: r\n", file: "o.yml").configuration
        #expect(!local.security.githubAlertsEnabled(for: local.provider))
    }

    @Test("true with the local provider is an error at the key's line and column; a non-bool is a type error there")
    func validation() {
        func errors(_ yaml: String) -> [ConfigurationError] {
            do { _ = try OrchestratorConfiguration.decode(yaml: yaml, file: "orchestrator.yml"); return [] } catch { return error.errors }
        }
        let e = errors("local:\n  path: r\nsecurity:\n  secrets: true\n  github_alerts: true\n")
        #expect(e.count == 1)
        #expect(e.first?.location == SourceLocation(file: "orchestrator.yml", line: 5, column: 18))
        #expect(e.first?.description.contains("needs `provider: github`") == true)
        let typed = errors("provider: github\ngithub:\n  org: a\nsecurity:\n  github_alerts: sometimes\n")
        #expect(typed.count == 1 && typed.first?.location.line == 5)
    }
}
