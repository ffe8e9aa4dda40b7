import Foundation

/// The commented starter `config/orchestrator.yml` that `infinity init` writes.
public enum StarterConfiguration {
    /// The file's text; every key shows its default.
    public static func text(organization: String, repositoriesPath: String) -> String {
        """
        # Infinity Orchestrator configuration. Every key is optional unless noted;
        # the values shown are the defaults. Reference: docs/configuration.md

        # The organization's display name, used in the manifest and reports.
        organization: \(organization)

        # Where repositories come from: `local` (a folder of git repositories) or `github`.
        provider: local

        local:
          # Every git repository directly under this folder (work trees and bare repos)
          # is a repository of the organization. Relative to this project's root.
          path: \(repositoriesPath)
          # Git URLs or paths to clone into .infinity/workspace as extra repositories.
          repositories: []

        # github:
        #   org: YOUR-ORG                    # or `user: NAME`
        #   api_url: https://api.github.com  # GitHub Enterprise Server: https://HOST/api/v3
        #   token_env: GITHUB_TOKEN          # the variable holding a token (never the token itself)
        #   app:                             # or authenticate as a GitHub App installation
        #     id: 12345
        #     private_key_path: /secure/app.pem
        #     installation_id: 67890

        # Repository name globs; exclude wins over include.
        include: ["*"]
        exclude: []
        skip_archived: true
        skip_forks: false

        build:
          # max_parallel: 8        # builds at once; default: the number of CPU cores
          timeout: 30m             # one repository's whole build
          # step_timeout: 10m      # one step; default: build.timeout
          pass_env: []             # variables passed through to builds (none by default: no token leaks)
          env: {}                  # variables set for every build

        # Cron expressions (UTC) for the scheduled workflows.
        schedules:
          repo_sync: "0 */6 * * *"
          build: "0 0 * * *"
          health: "*/15 * * * *"
          security: "0 2 * * *"

        health:
          enabled: true
          thresholds:
            healthy: 80            # score ≥ 80: healthy
            degraded: 50           # score ≥ 50: degraded; below: unhealthy
          stale_after_days: 180          # days without a commit: `activity` fails
          build_stale_after_days: 7      # last successful build older: `build-age` warns
          open_item_stale_after_days: 90 # oldest open issue/PR older: `open-items` warns (code hosts)
          min_checks: 6                  # fewer checks with a result: status `unknown`
          alerts: true                   # one alert per unhealthy repository, kept in sync
          realert_after: 24h             # least time between reminders on an unchanged alert
          # checks:                      # ids: `infinity health --list-checks`
          #   codeowners: { enabled: false }
          #   build: { weight: 30 }

        healing:
          enabled: true
          max_attempts_per_repository: 3
          window: 24h
          org_retry_budget_percent: 10
          circuit_breaker_threshold: 3
          circuit_breaker_cooldown: 6h

        security:
          secrets: true
          dependencies: true
          osv_db: .infinity/osv
          fail_on: high
          # rules_file: config/secret-rules.yml
          skip_paths: []
          # github_alerts: true    # with provider: github, merge GitHub's own alerts (default)

        # Per-repository build commands (shell), replacing what detection found.
        # A repository's own .infinity.yml may set the same keys for itself; these win.
        overrides: {}
        #  payments-api:
        #    build: make release
        #    test: make check
        #    depends_on: [shared-lib]

        """
    }
}
