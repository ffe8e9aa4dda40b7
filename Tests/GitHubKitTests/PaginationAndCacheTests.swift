import Foundation
import GitHubKit
import InfinityJSON
import InfinityTestSupport
import Testing

@Suite("Pagination and conditional requests")
struct PaginationAndCacheTests {
    @Test("listing follows Link rel=next with per_page=100 until every repository is fetched")
    func followsLinkHeaders() async throws {
        try await Harness.with(server: { $0.repositoryCount = 250 }) { harness in
            let repositories = try await harness.client.listOrganizationRepositories(organization: "acme")
            #expect(repositories.count == 250)
            #expect(Set(repositories.map(\.fullName)).count == 250)
            #expect(repositories.first?.fullName == "acme/repo-0000")
            let listings = harness.server.requests.filter { $0.path == "/api/v3/orgs/acme/repos" }
            #expect(listings.count == 3)
            #expect(listings.allSatisfy { $0.query.contains("per_page=100") })
            #expect(listings.map(\.query).last?.contains("page=3") == true)
        }
    }

    @Test("every request carries the GitHub Accept, API version and User-Agent headers")
    func sendsRequiredHeaders() async throws {
        try await Harness.with { harness in
            _ = try await harness.client.repository("acme/repo-0001")
            let request = try #require(harness.server.requests.last)
            #expect(request.headers["accept"] == "application/vnd.github+json")
            #expect(request.headers["x-github-api-version"] == "2022-11-28")
            #expect(request.headers["user-agent"]?.isEmpty == false)
            #expect(request.hadAuthorization)
        }
    }

    @Test("an unchanged listing is answered 304 from the cache and costs no primary quota")
    func notModifiedIsFree() async throws {
        try await Harness.with(server: { $0.repositoryCount = 150 }) { harness in
            let first = try await harness.client.listOrganizationRepositories(organization: "acme")
            let spentAfterFirst = harness.server.quotaSpent["core"] ?? 0
            let remainingAfterFirst = harness.server.remainingQuota("core")
            #expect(spentAfterFirst == 2)
            let second = try await harness.client.listOrganizationRepositories(organization: "acme")
            #expect(second == first)
            #expect(harness.server.quotaSpent["core"] == spentAfterFirst)
            #expect(harness.server.remainingQuota("core") == remainingAfterFirst)
            #expect(harness.server.notModifiedCount == 2)
            let conditional = harness.server.requests.suffix(2)
            #expect(conditional.allSatisfy { $0.headers["if-none-match"]?.hasPrefix("W/\"") == true && $0.status == 304 })
            let stats = harness.client.stats
            #expect(stats.notModified == 2)
            #expect(stats.restQuotaPoints == 2)
        }
    }

    @Test("a change after caching is fetched again instead of served stale")
    func changedResourceIsRefetched() async throws {
        try await Harness.with { harness in
            let before = try await harness.client.repository("acme/repo-0002")
            #expect(before.archived == false)
            harness.server.setArchived("acme/repo-0002", true)
            let after = try await harness.client.repository("acme/repo-0002")
            #expect(after.archived == true)
            #expect(harness.server.requests.last?.status == 200)
        }
    }

    @Test("Link headers recorded by octokit parse into next and last targets")
    func parsesRecordedLinkHeaders() throws {
        let header = #"<https://api.github.com/repositories/515435940/issues?per_page=3&page=1>; rel="prev", <https://api.github.com/repositories/515435940/issues?per_page=3&page=3>; rel="next", <https://api.github.com/repositories/515435940/issues?per_page=3&page=5>; rel="last", <https://api.github.com/repositories/515435940/issues?per_page=3&page=1>; rel="first""#
        let link = LinkHeader(header)
        #expect(link.next == "https://api.github.com/repositories/515435940/issues?per_page=3&page=3")
        #expect(link.last?.hasSuffix("page=5") == true)
        #expect(link.previous?.hasSuffix("page=1") == true)
        #expect(LinkHeader("garbage, <>; rel=, ;;").next == nil)
    }

    @Test("Link headers in the octokit recordings all yield a next page", .enabled(if: SharedData.available, "shared/github-api not found; set INFINITY_SHARED_DIR"))
    func parsesEveryRecordedPaginationHeader() throws {
        let extract = try SharedData.json("octokit-fixtures-extract.json")
        guard case .array(let recordings) = extract["paginated_gets"] else {
            Issue.record("paginated_gets missing")
            return
        }
        var checked = 0
        for recording in recordings {
            guard let link = recording["headers"]?["Link"]?.stringValue, link.contains("rel=\"next\"") else { continue }
            let parsed = LinkHeader(link)
            #expect(parsed.next?.hasPrefix("https://api.github.com/") == true)
            checked += 1
        }
        #expect(checked > 0)
    }
}
