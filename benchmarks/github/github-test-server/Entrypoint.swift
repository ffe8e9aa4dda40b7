import Foundation
import InfinityTestSupport

/// Starts the GitHub-compatible test server on 127.0.0.1 for scripts that drive the real
/// `infinity` binary against it. Prints `API_URL=…` and `TOKEN=…`, then reads commands from
/// standard input, one a line: `stats` (prints `STATS requests=… charged=… quota_core=…
/// quota_graphql=… not_modified=… secondary=… max_in_flight=… inside_retry_after=…` — the last counts
/// requests that arrived inside a secondary limit's `retry-after`, later than 0.5 s after it was
/// issued, i.e. not already in flight), `breakdown` (requests per endpoint shape, repository names,
/// numbers and SHAs replaced by placeholders), `reset` (forgets recorded requests), `org-alerts-forbidden` (the
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
            case "breakdown":
                // One line per endpoint shape: `BREAKDOWN <count> <charged> METHOD /path/{repo}/…`, then `END`.
                for line in endpointBreakdown(server.requests) { print("BREAKDOWN \(line)") }
                print("END")
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

    /// `count charged METHOD shape` per endpoint shape, most requested first.
    static func endpointBreakdown(_ requests: [GitHubTestRecordedRequest]) -> [String] {
        var counts: [String: (count: Int, charged: Int)] = [:]
        for request in requests {
            var segments = request.path.split(separator: "/").map(String.init)
            if let repos = segments.firstIndex(of: "repos"), repos + 2 < segments.count {
                segments[repos + 1] = "{owner}"
                segments[repos + 2] = "{repo}"
            }
            segments = segments.map { segment in
                if segment.count == 40, segment.allSatisfy(\.isHexDigit) { return "{sha}" }
                if Int(segment) != nil { return "{n}" }
                return segment
            }
            let shape = "\(request.method) /" + segments.joined(separator: "/")
            counts[shape, default: (0, 0)].count += 1
            counts[shape, default: (0, 0)].charged += request.quotaCharged
        }
        return counts.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map { "\($0.value.count) \($0.value.charged) \($0.key)" }
    }

    /// Flushes standard output so the driving script sees each answer at once.
    static func flush() {
        fflush(nil)
    }
}
