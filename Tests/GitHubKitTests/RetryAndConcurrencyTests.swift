import Foundation
import GitHubKit
import InfinityTestSupport
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
}
