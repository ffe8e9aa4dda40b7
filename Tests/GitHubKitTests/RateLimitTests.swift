import Foundation
import GitHubKit
import InfinityTestSupport
import Testing

@Suite("Rate limits and back-off")
struct RateLimitTests {
    @Test("a secondary limit with retry-after pauses at least 60 s and no request arrives inside the window")
    func secondaryLimitWithRetryAfter() async throws {
        try await Harness.with(client: { $0.maxConcurrentRequests = 1 }) { harness in
            harness.server.inject(.secondaryLimit(retryAfter: 90), pathContains: "/repos/acme/repo-0003")
            let start = harness.clock.now()
            let repository = try await harness.client.repository("acme/repo-0003")
            #expect(repository.name == "repo-0003")
            let attempts = harness.server.requests.filter { $0.path.hasSuffix("/repos/acme/repo-0003") }
            #expect(attempts.count == 2)
            #expect(attempts[0].status == 403 && attempts[1].status == 200)
            #expect(attempts[1].receivedAt.timeIntervalSince(attempts[0].receivedAt) >= 90)
            #expect(harness.clock.now().timeIntervalSince(start) >= 90)
            #expect(harness.server.retryAfterViolations(graceSeconds: 0).isEmpty)
            #expect(harness.client.stats.secondaryRateLimitHits == 1)
        }
    }

    @Test("a secondary limit without retry-after waits at least 60 s, longer on repeated hits")
    func secondaryLimitWithoutRetryAfterBacksOffExponentially() async throws {
        try await Harness.with(client: { $0.maxConcurrentRequests = 1 }) { harness in
            harness.server.inject(.secondaryLimit(retryAfter: nil), pathContains: "/repos/acme/repo-0004", count: 3)
            _ = try await harness.client.repository("acme/repo-0004")
            let times = harness.server.requests.filter { $0.path.hasSuffix("/repos/acme/repo-0004") }.map(\.receivedAt)
            #expect(times.count == 4)
            let gaps = zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
            #expect(gaps.allSatisfy { $0 >= 60 })
            // The third back-off may draw up to 240 s: the ceiling doubles per hit.
            #expect(gaps.reduce(0, +) >= 180)
            #expect(harness.server.retryAfterViolations(graceSeconds: 0).isEmpty)
        }
    }

    @Test("429 answers count as secondary limits too")
    func tooManyRequestsBacksOff() async throws {
        try await Harness.with(server: { $0.faults.secondaryStatus = 429 }, client: { $0.maxConcurrentRequests = 1 }) { harness in
            harness.server.inject(.secondaryLimit(retryAfter: 61), pathContains: "/repos/acme/repo-0005")
            _ = try await harness.client.repository("acme/repo-0005")
            let attempts = harness.server.requests.filter { $0.path.hasSuffix("/repos/acme/repo-0005") }
            #expect(attempts.first?.status == 429)
            #expect(attempts.count == 2)
            #expect(attempts[1].receivedAt.timeIntervalSince(attempts[0].receivedAt) >= 61)
        }
    }

    @Test("the client pauses for the reset before the primary quota runs out, and is never refused")
    func pausesBeforeExhaustion() async throws {
        try await Harness.with(
            server: { $0.rateLimits["core"] = 10 },
            client: {
                $0.rateLimitReserve = 2
                $0.maxConcurrentRequests = 1
                $0.maxTotalWait = .seconds(7200)
            }, useCache: false
        ) { harness in
            let start = harness.clock.now()
            for index in 0..<20 {
                _ = try await harness.client.repository("acme/repo-\(String(format: "%04d", index % 5))")
            }
            let statuses = harness.server.requests.map(\.status)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(harness.clock.now().timeIntervalSince(start) >= 3600)
            let states = await harness.client.rateLimitStates()
            #expect(states["core"]?.limit == 10)
            #expect(harness.client.stats.totalWaitSeconds >= 3600)
        }
    }

    @Test("free 304 answers do not use up the local view of the quota")
    func notModifiedDoesNotDrainTheTracker() async throws {
        try await Harness.with(server: { $0.rateLimits["core"] = 10 }, client: { $0.rateLimitReserve = 2 }) { harness in
            _ = try await harness.client.repository("acme/repo-0001")
            let start = harness.clock.now()
            for _ in 0..<30 { _ = try await harness.client.repository("acme/repo-0001") }
            #expect(harness.clock.now() == start)
            #expect(harness.server.notModifiedCount == 30)
            #expect(harness.server.remainingQuota("core") == 9)
            let state = await harness.client.rateLimitStates()["core"]
            #expect(state?.remaining == 9 && state?.used == 1)
        }
    }

    @Test("a 403 with remaining 0 waits for x-ratelimit-reset and retries")
    func primaryExhaustionWaitsForReset() async throws {
        try await Harness.with(client: {
            $0.maxConcurrentRequests = 1
            $0.maxTotalWait = .seconds(7200)
        }) { harness in
            harness.server.inject(.primaryExhausted, pathContains: "/repos/acme/repo-0006")
            let start = harness.clock.now()
            _ = try await harness.client.repository("acme/repo-0006")
            let attempts = harness.server.requests.filter { $0.path.hasSuffix("/repos/acme/repo-0006") }
            #expect(attempts.map(\.status) == [403, 200])
            #expect(harness.clock.now().timeIntervalSince(start) >= 3000)
            #expect(harness.client.stats.primaryRateLimitWaits == 1)
        }
    }

    @Test("waiting beyond the per-call budget throws waitBudgetExceeded with the retry time")
    func waitBudgetIsCapped() async throws {
        try await Harness.with(client: { $0.maxTotalWait = .seconds(120) }) { harness in
            harness.server.inject(.primaryExhausted, pathContains: "/repos/acme/repo-0007")
            let error = await #expect(throws: GitHubError.self) {
                _ = try await harness.client.repository("acme/repo-0007")
            }
            #expect(error?.code == .waitBudgetExceeded)
            #expect(error?.retryAfter != nil)
            #expect(error?.repository == "acme/repo-0007")
            #expect(error?.description.contains("120 s") == true)
        }
    }

    @Test("GraphQL RATE_LIMITED answers wait for the reset and retry")
    func graphQLRateLimitedRetries() async throws {
        try await Harness.with(client: { $0.maxTotalWait = .seconds(7200) }) { harness in
            harness.server.inject(.primaryExhausted, pathContains: "/api/graphql")
            let start = harness.clock.now()
            let statuses = try await harness.client.defaultBranchStatuses(of: ["acme/repo-0001"])
            #expect(statuses.first?.found == true)
            #expect(harness.clock.now().timeIntervalSince(start) >= 3000)
            let graphQL = harness.server.requests.filter { $0.path == "/api/graphql" }
            #expect(graphQL.count == 2)
            #expect(harness.client.stats.primaryRateLimitWaits == 1)
        }
    }
}
