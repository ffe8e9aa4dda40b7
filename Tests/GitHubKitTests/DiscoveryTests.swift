import Foundation
import GitHubKit
import InfinityTestSupport
import Testing

@Suite("Discovery")
struct DiscoveryTests {
    @Test("one paginated GraphQL query returns every repository with its metadata")
    func discoversEverything() async throws {
        try await Harness.with(server: { $0.repositoryCount = 250 }) { harness in
            let outcome = try await harness.client.discoverOrganization("acme")
            let repositories = outcome.snapshot.repositories
            #expect(repositories.count == 250)
            #expect(repositories.map(\.nameWithOwner) == harness.server.repositoryNames())
            #expect(outcome.reusedSnapshot == false)
            #expect(outcome.requests == 3 + 3)  // three probes, three pages of 100
            let first = try #require(repositories.first)
            #expect(first.name == "repo-0000")
            #expect(first.visibility == "PRIVATE")
            #expect(first.defaultBranch == "main" && first.headCommit?.count == 40)
            #expect(first.ciState == "FAILURE")
            #expect(first.languages.first == DiscoveredRepository.LanguageShare(name: "Swift", bytes: 10_000))
            #expect(first.rootEntries.map(\.name) == [".github", "Package.swift", "README.md", "Sources", "Tests"])
            #expect(first.rootEntries.first { $0.name == "Sources" }?.type == "tree")
            #expect(first.topics.contains("infinity"))
            #expect(repositories[5].isArchived && repositories[7].isFork)
            #expect(repositories[19].ciState == nil)
            let pages = harness.server.requests.filter { $0.path == "/api/graphql" }
            #expect(pages.count == 3)
        }
    }

    @Test("an unchanged organization is re-discovered from 304s without spending quota")
    func unchangedRediscoveryIsFree() async throws {
        try await Harness.with(server: { $0.repositoryCount = 250 }) { harness in
            let first = try await harness.client.discoverOrganization("acme")
            let spent = harness.server.quotaSpent
            let again = try await harness.client.discoverOrganization("acme")
            #expect(again.reusedSnapshot)
            #expect(again.quotaPoints == 0)
            #expect(again.requests == 3)
            #expect(again.snapshot == first.snapshot)
            #expect(harness.server.quotaSpent == spent)
            #expect(harness.server.requests.suffix(3).allSatisfy { $0.status == 304 })
        }
    }

    @Test("a push, an archive, a rename or a deletion anywhere makes re-discovery query again")
    func changesAreNoticed() async throws {
        try await Harness.with(server: { $0.repositoryCount = 250 }) { harness in
            _ = try await harness.client.discoverOrganization("acme")
            harness.clock.advance(by: 10)
            harness.server.simulatePush("acme/repo-0200", ciState: "PENDING")
            let pushed = try await harness.client.discoverOrganization("acme")
            #expect(!pushed.reusedSnapshot)
            #expect(pushed.snapshot.repositories.first { $0.name == "repo-0200" }?.ciState == "PENDING")

            harness.clock.advance(by: 10)
            harness.server.setArchived("acme/repo-0123", true)
            let archived = try await harness.client.discoverOrganization("acme")
            #expect(!archived.reusedSnapshot)
            #expect(archived.snapshot.repositories.first { $0.name == "repo-0123" }?.isArchived == true)

            harness.clock.advance(by: 10)
            harness.server.rename("acme/repo-0077", to: "zz-renamed")
            let renamed = try await harness.client.discoverOrganization("acme")
            #expect(!renamed.reusedSnapshot)
            #expect(renamed.snapshot.repositories.last?.name == "zz-renamed")

            harness.clock.advance(by: 10)
            harness.server.delete("acme/repo-0050")
            let afterDelete = try await harness.client.discoverOrganization("acme")
            #expect(!afterDelete.reusedSnapshot)
            #expect(afterDelete.snapshot.repositories.count == 249)

            let steady = try await harness.client.discoverOrganization("acme")
            #expect(steady.reusedSnapshot && steady.quotaPoints == 0)
        }
    }

    @Test("a failed discovery never leaves probes that would hide the change later")
    func failedRefreshIsNotMistakenForUnchanged() async throws {
        try await Harness.with(server: { $0.repositoryCount = 120 }) { harness in
            _ = try await harness.client.discoverOrganization("acme")
            harness.clock.advance(by: 10)
            harness.server.simulatePush("acme/repo-0010")
            harness.server.inject(.malformedJSON, pathContains: "/api/graphql")
            await #expect(throws: GitHubError.self) { _ = try await harness.client.discoverOrganization("acme") }
            let retried = try await harness.client.discoverOrganization("acme")
            #expect(!retried.reusedSnapshot)
        }
    }

    @Test("default-branch CI of many repositories in batches of 100, unknown ones marked not found")
    func defaultBranchStatuses() async throws {
        try await Harness.with(server: { $0.repositoryCount = 250 }) { harness in
            var names = harness.server.repositoryNames()
            names.append("acme/does-not-exist")
            let statuses = try await harness.client.defaultBranchStatuses(of: names)
            #expect(statuses.count == 251)
            #expect(statuses.map(\.repository) == names)
            #expect(statuses.last?.found == false && statuses.last?.error == nil)
            #expect(statuses[9].ciState == "FAILURE" && statuses[1].ciState == "SUCCESS")
            #expect(statuses.dropLast().allSatisfy { $0.found && $0.headCommit?.count == 40 })
            #expect(harness.server.requests.filter { $0.path == "/api/graphql" }.count == 3)
        }
    }

    @Test("an unknown organization is a notFound error that suggests the user fallback")
    func unknownOrganization() async throws {
        try await Harness.with { harness in
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.discoverOrganization("nobody") }
            #expect(error?.code == .notFound)
            #expect(error?.message.contains("github.user") == true)
        }
    }

    @Test("user accounts are discovered over GraphQL, with heads and build files, and re-discovered for free")
    func userDiscovery() async throws {
        try await Harness.with { harness in
            let outcome = try await harness.client.discoverUser("octo-user", files: ["Package.swift", "go.mod"])
            #expect(outcome.snapshot.repositories.map(\.nameWithOwner) == ["octo-user/tool-0000", "octo-user/tool-0001", "octo-user/tool-0002"])
            #expect(outcome.snapshot.repositories.allSatisfy { $0.headCommit != nil && !$0.rootEntries.isEmpty })
            #expect(outcome.snapshot.repositories.first?.languages.first?.name == "Swift")
            #expect(outcome.snapshot.repositories.first?.fileTexts["Package.swift"] != nil)
            #expect(harness.server.requests.filter { $0.path == "/api/graphql" }.count == 1)
            harness.server.resetRecordings()
            let again = try await harness.client.discoverUser("octo-user", files: ["Package.swift", "go.mod"])
            #expect(again.reusedSnapshot)
            #expect(harness.server.quotaSpent.values.reduce(0, +) == 0)
        }
    }

    @Test("without a usable GraphQL endpoint, repositories are listed over REST (without heads)")
    func restFallback() async throws {
        try await Harness.with { harness in
            harness.server.inject(.status(404, message: "Not Found"), pathContains: "/api/graphql", count: 2)
            let user = try await harness.client.discoverUser("octo-user")
            #expect(user.snapshot.repositories.map(\.nameWithOwner) == ["octo-user/tool-0000", "octo-user/tool-0001", "octo-user/tool-0002"])
            #expect(user.snapshot.repositories.allSatisfy { $0.headCommit == nil })
            let organization = try await harness.client.discoverOrganization("acme", forceRefresh: true)
            #expect(organization.snapshot.repositories.count == 25)
            #expect(harness.server.requests.contains { $0.path == "/api/v3/orgs/acme/repos" && !$0.query.contains("sort=pushed") && !$0.query.contains("sort=updated") })
            // An unknown owner is still an error, not a fallback.
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.discoverUser("nobody-at-all") }
            #expect(error?.code == .notFound)
        }
    }

    @Test("a 502 on a large page retries with a smaller page and still returns everything")
    func shrinksPagesOnGatewayErrors() async throws {
        try await Harness.with(server: { $0.repositoryCount = 150 }) { harness in
            harness.server.inject(.status(502, message: "Server Error"), pathContains: "/api/graphql", count: 4)
            let outcome = try await harness.client.discoverOrganization("acme")
            #expect(outcome.snapshot.repositories.count == 150)
            let graphQL = harness.server.requests.filter { $0.path == "/api/graphql" && $0.status == 200 }
            #expect(graphQL.count == 3)  // pages of 50 after the failures
        }
    }
}
