import Foundation
import GitHubKit
import InfinityJSON
import InfinityTestSupport
import Testing

@Suite("Typed errors and redirects")
struct ErrorHandlingTests {
    @Test("401 for an expired token is unauthorized with advice")
    func expiredToken() async throws {
        try await Harness.with(server: { $0.expiredTokens = ["ghp_expired_123456"] }, authentication: .token(Secret("ghp_expired_123456"))) { harness in
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0001") }
            #expect(error?.code == .unauthorized)
            #expect(error?.status == 401)
            #expect(error?.message.contains("Bad credentials") == true)
            #expect(error?.message.contains("GITHUB_TOKEN") == true)
        }
    }

    @Test("404 for a deleted repository is notFound naming the repository")
    func deletedRepository() async throws {
        try await Harness.with { harness in
            harness.server.delete("acme/repo-0003")
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0003") }
            #expect(error?.code == .notFound)
            #expect(error?.repository == "acme/repo-0003")
            #expect(error?.endpoint == "GET /repos/{owner}/{repo}")
            #expect(error?.description.contains("acme/repo-0003") == true)
        }
    }

    @Test("422 carries GitHub's errors[] entries")
    func validationFailure() async throws {
        try await Harness.with { harness in
            let error = await #expect(throws: GitHubError.self) {
                _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: ""))
            }
            #expect(error?.code == .validationFailed)
            #expect(error?.validationErrors == [GitHubError.ValidationDetail(resource: "Issue", field: "title", code: "missing_field")])
            #expect(error?.description.contains("Issue.title.missing_field") == true)
        }
    }

    @Test("the recorded octokit 422 body yields its errors[]", .enabled(if: SharedData.available, "shared/github-api not found; set INFINITY_SHARED_DIR"))
    func recordedValidationBody() async throws {
        let extract = try SharedData.json("octokit-fixtures-extract.json")
        guard case .array(let recordings) = extract["non_2xx"],
            let recording = recordings.first(where: { $0["status"]?.intValue == 422 }),
            case .array(let entries) = recording["body"]?["errors"]
        else {
            Issue.record("no recorded 422")
            return
        }
        let expected = entries.map {
            GitHubError.ValidationDetail(resource: $0["resource"]?.stringValue, field: $0["field"]?.stringValue, code: $0["code"]?.stringValue)
        }
        try await Harness.with { harness in
            harness.server.inject(
                .validationFailed(
                    message: recording["body"]?["message"]?.stringValue ?? "",
                    errors: expected.map { .init(resource: $0.resource ?? "", field: $0.field ?? "", code: $0.code ?? "") }),
                pathContains: "/issues")
            let error = await #expect(throws: GitHubError.self) {
                _ = try await harness.client.createIssue("acme/repo-0001", NewIssue(title: "t"))
            }
            #expect(error?.validationErrors == expected)
        }
    }

    @Test("a renamed repository is followed through its 301 to the new name")
    func renamedRepositoryIsFollowed() async throws {
        try await Harness.with { harness in
            harness.server.rename("acme/repo-0004", to: "renamed-service")
            let repository = try await harness.client.repository("acme/repo-0004")
            #expect(repository.fullName == "acme/renamed-service")
            let statuses = harness.server.requests.suffix(2).map(\.status)
            #expect(statuses == [301, 200])
            #expect(harness.client.stats.redirectsFollowed == 1)
            // The move is reported, so the manifest can be refreshed.
            #expect(harness.logs.all.contains { $0.contains("repository moved") && $0.contains("acme/repo-0004") })
        }
    }

    @Test("a PATCH to a renamed repository follows the 307 with the same method and body")
    func renamedRepositoryPatch() async throws {
        try await Harness.with { harness in
            let issue = try await harness.client.createIssue("acme/repo-0005", NewIssue(title: "before"))
            harness.server.rename("acme/repo-0005", to: "moved")
            let updated = try await harness.client.updateIssue("acme/repo-0005", number: issue.number, IssueUpdate(title: "after"))
            #expect(updated.title == "after")
            #expect(harness.server.requests.suffix(2).map(\.status) == [307, 200])
            #expect(harness.server.issues(in: "acme/moved").first?.title == "after")
        }
    }

    @Test("malformed, truncated and mistyped bodies are decoding errors naming the endpoint")
    func badBodies() async throws {
        try await Harness.with { harness in
            for injection in [GitHubTestInjection.malformedJSON, .truncatedJSON, .wrongTypes] {
                harness.server.inject(injection, pathContains: "/repos/acme/repo-0006/issues")
                let error = await #expect(throws: GitHubError.self) {
                    _ = try await harness.client.listIssues("acme/repo-0006")
                }
                #expect(error?.code == .decoding)
                #expect(error?.endpoint == "GET /repos/{owner}/{repo}/issues")
                #expect(error?.repository == "acme/repo-0006")
                #expect(error?.message.contains("could not decode") == true)
            }
            harness.server.inject(.truncatedJSON, pathContains: "/repos/acme/repo-0007")
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0007") }
            #expect(error?.code == .decoding)
        }
    }

    @Test("a plain 403 is forbidden, not a rate limit")
    func forbidden() async throws {
        try await Harness.with { harness in
            harness.server.inject(.status(403, message: "Resource not accessible by integration"), pathContains: "/repos/acme/repo-0001")
            let error = await #expect(throws: GitHubError.self) { _ = try await harness.client.repository("acme/repo-0001") }
            #expect(error?.code == .forbidden)
            #expect(harness.client.stats.secondaryRateLimitHits == 0)
        }
    }

    @Test("branch protection: protected branch decodes, unprotected is nil, missing repository throws")
    func branchProtection() async throws {
        try await Harness.with { harness in
            let protected = try await harness.client.defaultBranchProtection("acme/repo-0002")
            #expect(protected?.requiredStatusChecks?.contexts == ["ci/infinity"])
            #expect(protected?.requiredPullRequestReviews?.requiredApprovingReviewCount == 1)
            let unprotected = try await harness.client.defaultBranchProtection("acme/repo-0001")
            #expect(unprotected == nil)
            await #expect(throws: GitHubError.self) { _ = try await harness.client.branchProtection("acme/nope", branch: "main") }
        }
    }
}
