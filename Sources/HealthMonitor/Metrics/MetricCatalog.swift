import Foundation

/// Every metric the orchestrator exports: its name, kind, labels and help text. Names are
/// fixed here so that one name never changes type or label set (the Prometheus registry
/// refuses that), and every family gets a `# HELP` line.
public enum MetricCatalog {
    public enum Kind: String, Sendable {
        case gauge, counter, histogram
    }

    public struct Metric: Sendable {
        public var name: String
        public var kind: Kind
        public var labels: [String]
        public var help: String
    }

    public static let repositoryHealthScore = Metric(name: "infinity_repository_health_score", kind: .gauge, labels: ["repository"],
                                                     help: "Health score of a repository, 0 to 100, from the latest health pass.")
    public static let repositoryHealthStatus = Metric(name: "infinity_repository_health_status", kind: .gauge, labels: ["repository", "status"],
                                                      help: "1 for the repository's current health status, 0 for the others.")
    public static let repositoryFailingChecks = Metric(name: "infinity_repository_failing_checks", kind: .gauge, labels: ["repository"],
                                                       help: "Number of failing health checks of a repository.")
    public static let checkFailures = Metric(name: "infinity_health_check_failing_repositories", kind: .gauge, labels: ["check"],
                                             help: "Number of repositories failing each health check.")
    public static let repositories = Metric(name: "infinity_repositories", kind: .gauge, labels: ["status"],
                                            help: "Number of repositories per health status.")
    public static let lastPass = Metric(name: "infinity_health_last_pass_timestamp_seconds", kind: .gauge, labels: [],
                                        help: "Unix time of the newest health pass.")
    public static let buildResults = Metric(name: "infinity_build_results_total", kind: .counter, labels: ["status"],
                                            help: "Builds recorded in the state store, by outcome.")
    public static let buildDuration = Metric(name: "infinity_build_duration_seconds", kind: .histogram, labels: [],
                                             help: "Duration of recorded builds.")
    public static let healingRequests = Metric(name: "infinity_healing_requests", kind: .gauge, labels: ["state"],
                                               help: "Healing requests in the state store, by state.")
    public static let healingActions = Metric(name: "infinity_healing_actions_total", kind: .counter, labels: ["action", "outcome"],
                                              help: "Healing actions in the audit log, by action and outcome.")
    public static let openFindings = Metric(name: "infinity_open_findings", kind: .gauge, labels: ["kind", "severity"],
                                            help: "Open security findings, by kind and severity.")
    public static let openAlerts = Metric(name: "infinity_alerts_open", kind: .gauge, labels: [],
                                          help: "Health alerts currently open.")
    public static let passDuration = Metric(name: "infinity_health_pass_duration_seconds", kind: .histogram, labels: [],
                                            help: "Duration of health passes.")

    public static let all: [Metric] = [
        repositoryHealthScore, repositoryHealthStatus, repositoryFailingChecks, checkFailures, repositories, lastPass,
        buildResults, buildDuration, healingRequests, healingActions, openFindings, openAlerts, passDuration,
    ]

    static let byName: [String: Metric] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Histogram buckets, in seconds.
    static let buckets: [String: [Double]] = [
        buildDuration.name: [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600],
        passDuration.name: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    ]
}
