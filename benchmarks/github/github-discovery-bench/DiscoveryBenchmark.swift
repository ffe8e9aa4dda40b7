import Foundation
import GitHubKit
import InfinityTestSupport
import Logging

/// The benchmark scenarios: a clean server, and one with faults and secondary limits.
enum DiscoveryBenchmark {
    struct Options {
        var repositories = 1000
        var scenario = "all"
        var concurrency = 8
    }

    /// Runs the scenarios named in `arguments`; returns the process exit code (1 if a check failed).
    static func run(arguments: [String]) async -> Int32 {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch arguments[index] {
            case "--repos": options.repositories = Int(value) ?? options.repositories
            case "--scenario": options.scenario = value
            case "--concurrency": options.concurrency = Int(value) ?? options.concurrency
            default:
                FileHandle.standardError.write(Data("usage: github-discovery-bench [--repos N] [--scenario clean|faults|all] [--concurrency N]\n".utf8))
                return 2
            }
            index += 2
        }
        var report = Report()
        do {
            if options.scenario == "clean" || options.scenario == "all" { try await clean(options, &report) }
            if options.scenario == "faults" || options.scenario == "all" { try await faults(options, &report) }
        } catch {
            report.check(false, "scenario threw: \(error)")
        }
        report.printSummary()
        return report.failures == 0 ? 0 : 1
    }

    /// Line-oriented results plus pass/fail checks.
    struct Report {
        var failures = 0

        mutating func check(_ condition: Bool, _ what: String) {
            print("CHECK \(condition ? "pass" : "FAIL") \(what)")
            if !condition { failures += 1 }
        }

        func row(_ phase: String, _ fields: [(String, String)]) {
            print("RESULT phase=\(phase) " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
        }

        func printSummary() {
            print("SUMMARY checks_failed=\(failures)")
        }
    }

    static func milliseconds(_ start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return String(format: "%.1f", Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }

    static func serverPoints(_ server: GitHubTestServer) -> Int { server.quotaSpent.values.reduce(0, +) }

    /// No faults, real clock: what discovery costs on a healthy API.
    static func clean(_ options: Options, _ report: inout Report) async throws {
        var configuration = GitHubTestServerConfiguration()
        configuration.repositoryCount = options.repositories
        let server = try await GitHubTestServer.start(configuration)
        var clientConfiguration = try server.clientConfiguration()
        clientConfiguration.maxConcurrentRequests = options.concurrency
        let client = try GitHubClient(
            configuration: clientConfiguration, authentication: .token(Secret("ghp_test_token_0123456789")),
            cache: InMemoryHTTPResponseCache())
        do {
            try await cleanPhases(options, &report, server: server, client: client)
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
        try await client.shutdown()
        try await server.shutdown()
    }

    static func cleanPhases(_ options: Options, _ report: inout Report, server: GitHubTestServer, client: GitHubClient)
        async throws
    {
        var start = ContinuousClock.now
        var points = serverPoints(server)
        let first = try await client.discoverOrganization("acme")
        report.row("clean.first-discovery", [
            ("repos", "\(first.snapshot.repositories.count)"), ("requests", "\(first.requests)"),
            ("quota_points_client", "\(first.quotaPoints)"), ("quota_points_server", "\(serverPoints(server) - points)"),
            ("wall_ms", milliseconds(start)),
        ])
        report.check(first.snapshot.repositories.count == options.repositories, "first discovery returns all \(options.repositories) repositories")
        report.check(first.requests <= 15, "first discovery uses <= 15 requests (used \(first.requests))")

        start = ContinuousClock.now
        points = serverPoints(server)
        let again = try await client.discoverOrganization("acme")
        let againPoints = serverPoints(server) - points
        report.row("clean.unchanged-rediscovery", [
            ("repos", "\(again.snapshot.repositories.count)"), ("requests", "\(again.requests)"),
            ("quota_points_client", "\(again.quotaPoints)"), ("quota_points_server", "\(againPoints)"),
            ("reused_snapshot", "\(again.reusedSnapshot)"), ("wall_ms", milliseconds(start)),
        ])
        report.check(again.reusedSnapshot && againPoints == 0, "unchanged re-discovery spends 0 primary-quota points (spent \(againPoints))")

        server.simulatePush("acme/repo-0500")
        start = ContinuousClock.now
        points = serverPoints(server)
        let changed = try await client.discoverOrganization("acme")
        report.row("clean.changed-rediscovery", [
            ("requests", "\(changed.requests)"), ("quota_points_server", "\(serverPoints(server) - points)"),
            ("reused_snapshot", "\(changed.reusedSnapshot)"), ("wall_ms", milliseconds(start)),
        ])
        report.check(!changed.reusedSnapshot, "a push to one repository triggers a full re-discovery")

        start = ContinuousClock.now
        points = serverPoints(server)
        let before = client.stats.requests
        let statuses = try await client.defaultBranchStatuses(of: first.snapshot.repositories.map(\.nameWithOwner))
        let statusRequests = client.stats.requests - before
        report.row("clean.ci-status", [
            ("repos", "\(statuses.count)"), ("found", "\(statuses.filter(\.found).count)"), ("requests", "\(statusRequests)"),
            ("quota_points_server", "\(serverPoints(server) - points)"), ("wall_ms", milliseconds(start)),
        ])
        report.check(statuses.filter(\.found).count == options.repositories, "CI status found for every default branch")
        report.check(statusRequests <= 20, "CI status for \(options.repositories) default branches uses <= 20 requests (used \(statusRequests))")
        report.check(server.maxConcurrency <= options.concurrency, "server saw at most \(options.concurrency) requests in flight (saw \(server.maxConcurrency))")
    }

    /// 10% 5xx/timeouts, a secondary limit every 50 requests, virtual clock for the waits.
    static func faults(_ options: Options, _ report: inout Report) async throws {
        let clock = GitHubTestClock()
        var configuration = GitHubTestServerConfiguration()
        configuration.repositoryCount = options.repositories
        configuration.now = clock.nowProvider
        configuration.faults.serverErrorRate = 0.05
        configuration.faults.timeoutRate = 0.05
        configuration.faults.hangDuration = .milliseconds(300)
        configuration.faults.secondaryLimitEvery = 50
        configuration.faults.secondaryRetryAfter = 60
        configuration.faults.seed = 20_240_601
        let server = try await GitHubTestServer.start(configuration)
        var clientConfiguration = try server.clientConfiguration()
        clientConfiguration.maxConcurrentRequests = options.concurrency
        clientConfiguration.requestTimeout = .seconds(10)
        clientConfiguration.maxTotalWait = .seconds(3600)
        let client = try GitHubClient(
            configuration: clientConfiguration, authentication: .token(Secret("ghp_test_token_0123456789")),
            cache: InMemoryHTTPResponseCache(), clock: clock, jitter: .seeded(99))
        do {
            try await faultPhases(options, &report, server: server, client: client, clock: clock)
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
        try await client.shutdown()
        try await server.shutdown()
    }

    static func faultPhases(
        _ options: Options, _ report: inout Report, server: GitHubTestServer, client: GitHubClient, clock: GitHubTestClock
    ) async throws {
        let start = ContinuousClock.now
        let virtualStart = clock.now()
        let discovery = try await client.discoverOrganization("acme")
        report.row("faults.discovery", [
            ("repos", "\(discovery.snapshot.repositories.count)"), ("requests", "\(discovery.requests)"),
            ("wall_ms", milliseconds(start)),
        ])
        report.check(discovery.snapshot.repositories.count == options.repositories, "discovery under faults still returns all \(options.repositories) repositories")

        let statuses = try await client.defaultBranchStatuses(of: discovery.snapshot.repositories.map(\.nameWithOwner))
        report.check(statuses.filter(\.found).count == options.repositories, "CI status under faults found for every default branch")

        // Enough REST traffic for many secondary limits: every repository once, 8 at a time.
        let names = discovery.snapshot.repositories.map(\.nameWithOwner)
        var fetched = 0
        var failed: [String] = []
        try await withThrowingTaskGroup(of: (String, Bool).self) { group in
            var next = 0
            func launch() {
                guard next < names.count else { return }
                let name = names[next]
                next += 1
                group.addTask {
                    do {
                        _ = try await client.repository(name)
                        return (name, true)
                    } catch {
                        return ("\(name): \(error)", false)
                    }
                }
            }
            for _ in 0..<options.concurrency { launch() }
            while let (name, ok) = try await group.next() {
                if ok { fetched += 1 } else { failed.append(name) }
                launch()
            }
        }
        let stats = client.stats
        let lateArrivals = server.retryAfterViolations(graceSeconds: 0.25).count
        let inWindow = server.retryAfterViolations(graceSeconds: -1e9).count
        report.row("faults.total", [
            ("http_requests", "\(server.requests.count)"), ("client_requests", "\(stats.requests)"),
            ("retries", "\(stats.retries)"), ("server_errors", "\(stats.serverErrors)"),
            ("transport_failures", "\(stats.transportFailures)"), ("secondary_limit_answers", "\(stats.secondaryRateLimitHits)"),
            ("secondary_events", "\(server.secondaryEvents.count)"), ("quota_points_server", "\(serverPoints(server))"),
            ("in_window_arrivals_inflight", "\(inWindow - lateArrivals)"), ("retry_after_violations", "\(lateArrivals)"),
            ("max_concurrency_server", "\(server.maxConcurrency)"), ("max_in_flight_client", "\(stats.maxInFlight)"),
            ("per_repo_ok", "\(fetched)"), ("per_repo_failed", "\(failed.count)"),
            ("virtual_wait_s", String(format: "%.0f", clock.now().timeIntervalSince(virtualStart))),
            ("wall_ms", milliseconds(start)),
        ])
        for failure in failed.prefix(5) { print("FAILED \(failure)") }
        report.check(server.secondaryEvents.count > 0, "secondary limits were exercised (\(server.secondaryEvents.count) events)")
        report.check(lateArrivals == 0, "no request arrived before a retry-after ended (except ones already in flight)")
        report.check(server.maxConcurrency <= options.concurrency, "concurrency never above \(options.concurrency) (server saw \(server.maxConcurrency))")
        report.check(stats.maxInFlight <= options.concurrency, "client never had more than \(options.concurrency) in flight")
        report.check(failed.isEmpty, "every per-repository request eventually succeeded (\(failed.count) failed)")
    }
}
