import Foundation
import InfinityTestSupport

/// Starts the GitHub-compatible test server on 127.0.0.1 for scripts that drive the real
/// `infinity` binary against it. Prints `API_URL=…` and `TOKEN=…`, then reads commands from
/// standard input, one a line: `stats` (prints `STATS requests=… charged=… quota_core=…
/// quota_graphql=… not_modified=… secondary=… max_in_flight=… inside_retry_after=…` — the last counts
/// requests that arrived inside a secondary limit's `retry-after`, later than 0.5 s after it was
/// issued, i.e. not already in flight), `reset` (forgets recorded requests), `org-alerts-forbidden` (the
/// organization-level alert listings answer 403 from now on), `quit`.
///
///     github-test-server [--repos N] [--faults]
///
/// `--faults`: 10% 5xx and timeouts (5% each), a secondary rate limit every 50 requests.
@main
struct GitHubTestServerTool {
    static func main() async throws {
        let arguments = CommandLine.arguments
        var configuration = GitHubTestServerConfiguration()
        configuration.repositoryCount = 1000
        if let index = arguments.firstIndex(of: "--repos"), index + 1 < arguments.count, let n = Int(arguments[index + 1]) {
            configuration.repositoryCount = n
        }
        if arguments.contains("--faults") {
            configuration.faults.serverErrorRate = 0.05
            configuration.faults.timeoutRate = 0.05
            configuration.faults.secondaryLimitEvery = 50
            configuration.faults.secondaryRetryAfter = 1
        }
        let token = configuration.validTokens.sorted().first ?? ""
        let server = try await GitHubTestServer.start(configuration)
        print("API_URL=\(server.apiURL.absoluteString)")
        print("TOKEN=\(token)")
        flush()
        while let line = readLine() {
            switch line.trimmingCharacters(in: .whitespaces) {
            case "stats":
                let requests = server.requests
                let quota = server.quotaSpent
                print("STATS requests=\(requests.count) charged=\(requests.filter { $0.quotaCharged > 0 }.count) "
                    + "quota_core=\(quota["core"] ?? 0) quota_graphql=\(quota["graphql"] ?? 0) not_modified=\(server.notModifiedCount) "
                    + "secondary=\(server.secondaryEvents.count) max_in_flight=\(server.maxConcurrency) "
                    + "inside_retry_after=\(server.retryAfterViolations(graceSeconds: 0.5).count)")
            case "org-alerts-forbidden":
                server.setOrganizationAlertsForbidden(true)
                print("OK")
            case "reset":
                server.resetRecordings()
                print("RESET")
            case "quit":
                try await server.shutdown()
                return
            default:
                print("UNKNOWN \(line)")
            }
            flush()
        }
        try await server.shutdown()
    }

    /// Flushes standard output so the driving script sees each answer at once.
    static func flush() {
        fflush(nil)
    }
}
