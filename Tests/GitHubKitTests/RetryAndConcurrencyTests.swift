import Foundation
import GitHubKit
import InfinityTestSupport
import Logging
import Testing

@Suite("Retries, concurrency and write pacing")
struct RetryAndConcurrencyTests {
    @Test("5xx answers are retried up to three times, then reported as serverError")
    func serverErrorsAreRetried() async throws {
        try await Harness.with { harness in
            harness.server.inject(.status(502, message: "Server Error"), pathContains: "/repos/acme/repo-0001", count: 2)
            let repository = try await harness.client.repository("acme/repo-0001")
            #expect(repository.name == "repo-0001")
            #expect(harness.client.stats.retries == 2)

            harness.server.inject(.status(503, message: "Service Unavailable"), pathContains: "/repos/acme/repo-0002", count: 10)
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0002") }
            #expect(error?.code == .serverError)
            #expect(error?.status == 503)
            #expect(harness.server.requests.filter { $0.path.hasSuffix("/repos/acme/repo-0002") }.count == 4)
        }
    }

    @Test("a request whose connection hangs and closes is retried")
    func hangingRequestIsRetried() async throws {
        try await Harness.with(server: { $0.faults.hangDuration = .milliseconds(150) }) { harness in
            harness.server.inject(.hang, pathContains: "/repos/acme/repo-0003", count: 2)
            let repository = try await harness.client.repository("acme/repo-0003")
            #expect(repository.name == "repo-0003")
            #expect(harness.client.stats.transportFailures == 2)
        }
    }

    @Test("a request that outlives the client timeout is retried")
    func clientTimeoutIsRetried() async throws {
        try await Harness.with(
            server: { $0.faults.hangDuration = .seconds(20) }, client: { $0.requestTimeout = .seconds(2) }
        ) { harness in
            harness.server.inject(.hang, pathContains: "/repos/acme/repo-0004", count: 1)
            let repository = try await harness.client.repository("acme/repo-0004")
            #expect(repository.name == "repo-0004")
            #expect(harness.client.stats.transportFailures == 1)
        }
    }

    @Test("creating an issue is not retried after a timeout, so it is never created twice")
    func createIssueIsNotRetriedOnTimeout() async throws {
        try await Harness.with(server: { $0.faults.hangDuration = .milliseconds(100) }) { harness in
            harness.server.inject(.hang, pathContains: "/repos/acme/repo-0001/issues", method: "POST")
            let error = await #expect(throws: GitHubError.self) {
                _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: "once"))
            }
            #expect(error?.code == .transport || error?.code == .timeout)
            #expect(error?.message.contains("not retried") == true)
            #expect(harness.server.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test("never more requests in flight than maxConcurrentRequests")
    func concurrencyIsCapped() async throws {
        try await Harness.with(server: { $0.repositoryCount = 60 }, client: { $0.maxConcurrentRequests = 4 }, useCache: false) { harness in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask { _ = try await harness.client.repository("acme/repo-\(String(format: "%04d", index))") }
                }
                try await group.waitForAll()
            }
            #expect(harness.server.maxConcurrency <= 4)
            #expect(harness.client.stats.maxInFlight <= 4)
            #expect(harness.client.stats.maxInFlight >= 2)
            #expect(harness.server.requests.count == 60)
        }
    }

    @Test("concurrency settings are clamped to 1…100")
    func concurrencyIsClamped() {
        var configuration = GitHubConfiguration()
        configuration.maxConcurrentRequests = 500
        #expect(configuration.maxConcurrentRequests == 100)
        configuration.maxConcurrentRequests = 0
        #expect(configuration.maxConcurrentRequests == 1)
        configuration.perPage = 1000
        #expect(configuration.perPage == 100)
    }

    @Test("mutating requests never overlap and start at least 1 s apart")
    func writesAreSpaced() async throws {
        try await Harness.with(client: { $0.maxConcurrentRequests = 8 }) { harness in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: "issue \(index)"))
                    }
                }
                try await group.waitForAll()
            }
            let writes = harness.server.requests.filter { $0.method == "POST" }
            #expect(writes.count == 6)
            let gaps = zip(writes.dropFirst(), writes).map { $0.receivedAt.timeIntervalSince($1.receivedAt) }
            #expect(gaps.allSatisfy { $0 >= 1 })
            #expect(harness.server.issues(in: "acme/repo-0001").count == 6)
        }
    }
    @Test("content-creating requests stay within the per-minute and per-hour windows, also across clients sharing a store")
    func contentCreationWindows() async throws {
        try await Harness.with(client: { $0.writesPerMinute = 3; $0.writesPerHour = 5; $0.maxTotalWait = .seconds(600) }) { harness in
            for index in 0..<5 {
                _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: "issue \(index)"))
            }
            let writes = harness.server.requests.filter { $0.method == "POST" }.map(\.receivedAt)
            #expect(writes.count == 5)
            // The 4th write waited for the minute window of the 1st: ≥ 60 s after it.
            #expect(writes[3].timeIntervalSince(writes[0]) >= 60)
            #expect(writes[4].timeIntervalSince(writes[1]) >= 60)
            // The 6th would need the hour window of the 1st: longer than the call's waiting budget, so it fails alone.
            await #expect(throws: GitHubError.self) {
                _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: "issue 5"))
            }
            do {
                _ = try await harness.client.createIssue("acme/repo-0002", NewIssue(title: "other"))
                Issue.record("expected the hourly window to refuse")
            } catch let error as GitHubError {
                #expect(error.code == .waitBudgetExceeded)
                #expect(error.message.contains("500") == false && error.message.contains("5 an hour"), "\(error.message)")
            }
            #expect(harness.server.issues(in: "acme/repo-0001").count == 5)

            // A second client (a later process) on the same store sees the same hour.
            var configuration = try harness.server.clientConfiguration()
            configuration.writesPerMinute = 3
            configuration.writesPerHour = 5
            configuration.maxTotalWait = .seconds(600)
            let later = try GitHubClient(configuration: configuration, authentication: .token(Secret(Harness.token)), cache: harness.cache,
                                         clock: harness.clock, jitter: .seeded(1), logger: Logger(label: "later"))
            await #expect(throws: GitHubError.self) {
                _ = try await later.createIssue("acme/repo-0003", NewIssue(title: "from a later process"))
            }
            try await later.shutdown()
            #expect(harness.server.issues(in: "acme/repo-0003").isEmpty)
        }
    }
}
