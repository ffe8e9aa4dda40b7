import Foundation
import GitHubKit
import InfinityJSON
import InfinityTestSupport
import Testing

/// A caller-defined shape for one discovery page.
private struct FirstRepositories: Decodable, Sendable {
    struct Organization: Decodable, Sendable {
        struct Connection: Decodable, Sendable {
            struct Node: Decodable, Sendable { var nameWithOwner: String }
            var totalCount: Int
            var nodes: [Node]
        }
        var repositories: Connection
    }
    var organization: Organization
}

@Suite("GraphQL client")
struct GraphQLClientTests {
    @Test("graphql decodes data with camelCase keys and records the rateLimit field")
    func decodesDataAndRateLimit() async throws {
        try await Harness.with(server: { $0.repositoryCount = 12 }) { harness in
            let page: FirstRepositories = try await harness.client.graphql(
                query: DiscoveryQueries.organizationRepositories, variables: ["login": "acme", "first": 5, "after": nil])
            #expect(page.organization.repositories.totalCount == 12)
            #expect(page.organization.repositories.nodes.map(\.nameWithOwner).first == "acme/repo-0000")
            let graphQL = await harness.client.rateLimitStates()["graphql"]
            #expect(graphQL?.limit == 5000)
            #expect((graphQL?.remaining ?? 0) < 5000)
            #expect(harness.client.stats.graphQLQuotaPoints == 1)
            #expect(harness.client.stats.graphQLRequests == 1)
            let request = try #require(harness.server.requests.last)
            #expect(request.method == "POST" && request.path == "/api/graphql")
        }
    }

    @Test("errors[] in a GraphQL answer is a typed graphQL error carrying every entry")
    func errorsAreTyped() async throws {
        try await Harness.with { harness in
            let error = await #expect(throws: GitHubError.self) {
                let _: FirstRepositories = try await harness.client.graphql(
                    query: DiscoveryQueries.organizationRepositories, variables: ["login": "acme", "first": 500])
            }
            #expect(error?.code == .graphQL)
            #expect(error?.graphQLErrors.first?.type == "ARGUMENT_LIMIT")
            #expect(error?.endpoint == "POST /graphql (OrganizationRepositories)")
            #expect(error?.description.contains("exceeds the `first` limit") == true)
        }
    }

    @Test("GraphQL queries are not paced like writes")
    func queriesAreNotSpacedLikeWrites() async throws {
        try await Harness.with { harness in
            let start = harness.clock.now()
            for _ in 0..<5 { _ = try await harness.client.defaultBranchStatuses(of: ["acme/repo-0001"]) }
            #expect(harness.clock.now() == start)
        }
    }
}
