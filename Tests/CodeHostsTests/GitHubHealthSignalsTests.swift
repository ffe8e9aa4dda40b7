import CodeHosts
import Foundation
import GitHubKit
import InfinityModel
import InfinitySystem
import InfinityTestSupport
import OrchestrationEngine
import Testing

/// The host-side protection value (GitHubKit has a REST `BranchProtection` too).
private typealias Protection = CodeHosts.BranchProtection

/// The three health signals of one repository, each as a value, a reason, or an error text.
private struct Answers: Sendable {
    var ci: HostSignal<CIStatus>?
    var protection: HostSignal<Protection>?
    var items: HostSignal<OpenItems>?
    var errors: [String] = []
}

private func repository(_ fullName: String) -> HostedRepository {
    HostedRepository(name: String(fullName.split(separator: "/")[1]), fullName: fullName, location: "", defaultBranch: "main")
}

private func ask(_ signals: GitHubHostSignals, _ fullName: String) async -> Answers {
    var answers = Answers()
    let repo = repository(fullName)
    do { answers.ci = try await signals.ciStatus(of: repo) } catch { answers.errors.append("ci: \(error)") }
    do { answers.protection = try await signals.branchProtection(of: repo) } catch { answers.errors.append("protection: \(error)") }
    do { answers.items = try await signals.openItems(of: repo) } catch { answers.errors.append("items: \(error)") }
    return answers
}

/// What the REST API says, mapped the way the REST-based signals used to map it.
private func restProtection(_ client: GitHubClient, _ fullName: String) async throws -> Protection {
    guard let rule = try await client.branchProtection(fullName, branch: "main") else { return Protection(protected: false) }
    return Protection(
        protected: true,
        requiresReviews: (rule.requiredPullRequestReviews?.requiredApprovingReviewCount ?? 0) > 0 || rule.requiredPullRequestReviews != nil,
        requiresStatusChecks: rule.requiredStatusChecks != nil, allowsForcePushes: rule.allowForcePushes?.enabled ?? false)
}

private func restOpenItems(_ client: GitHubClient, _ fullName: String) async throws -> OpenItems {
    let request = GitHubRequest(.get, try GitHubPath.repository(fullName) + "/issues", query: [(name: "state", value: "open")],
                                operation: "GET /repos/{owner}/{repo}/issues", repository: fullName)
    let all = try await client.paginate(request, as: GitHubIssue.self)
    let issues = all.filter { !$0.isPullRequest }, pulls = all.filter(\.isPullRequest)
    return OpenItems(openIssues: issues.count, openPullRequests: pulls.count, oldestIssueOpenedAt: issues.map(\.createdAt).min(),
                     oldestPullRequestOpenedAt: pulls.map(\.createdAt).min())
}

@Suite("GitHub health signals from batched GraphQL", .serialized)
struct GitHubHealthSignalsTests {
    @Test("a whole health pass over 1,000 repositories costs 10 GraphQL requests, 20 points and no REST call")
    func thousandRepositoryPass() async throws {
        let fixture = try await GitHubFixture.start(repositories: 1000)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let names = fixture.server.repositoryNames()
        let signals = GitHubHostSignals(session: try context.githubSession()) { names }
        fixture.server.resetRecordings()
        let answers = await BoundedConcurrency.map(names, limit: 16) { name in (name, await ask(signals, name)) }
        let cost = await signals.cost()
        await context.shutdown()
        #expect(answers.allSatisfy { $0.1.errors.isEmpty })
        #expect(fixture.server.requests.count == 10, "the pass took \(fixture.server.requests.count) requests")
        #expect(fixture.server.requests.allSatisfy { $0.path == "/api/graphql" })
        #expect(fixture.server.quotaSpent["graphql"] == 20)
        #expect(fixture.server.quotaSpent["core"] ?? 0 == 0)
        #expect(cost.requests == 10 && cost.quotaPoints == 20)
        let byName = Dictionary(uniqueKeysWithValues: answers)
        #expect(byName["acme/repo-0000"]?.protection == .value(Protection(protected: true, requiresReviews: true, requiresStatusChecks: true)))
        #expect(byName["acme/repo-0001"]?.protection == .value(Protection(protected: false)))
        #expect(byName["acme/repo-0002"]?.items == .value(OpenItems(openIssues: 0, openPullRequests: 0)))
    }

    @Test("protection and open items equal what the REST API answers", arguments: [GitHubTestViewerAccess.admin, .write])
    func matchesREST(access: GitHubTestViewerAccess) async throws {
        let fixture = try await GitHubFixture.start(repositories: 8)
        defer { Task { await fixture.stop() } }
        let server = fixture.server
        server.setBranchProtection("acme/repo-0002", GitHubTestProtectionRule(requiredApprovingReviewCount: nil, allowsForcePushes: true))
        server.setBranchProtection("acme/repo-0004", GitHubTestProtectionRule(requiredApprovingReviewCount: 2, requiredStatusChecks: nil))
        server.setBranchProtection("acme/repo-0005", GitHubTestProtectionRule(requiredApprovingReviewCount: 1, requiredStatusChecks: ["build", "test"]))
        server.setBranchProtection("acme/repo-0006", nil)
        let base = Date(timeIntervalSince1970: 1_650_000_000)
        for offset in [5, 1, 3] { server.addItem(in: "acme/repo-0003", title: "issue \(offset)", createdAt: base.addingTimeInterval(Double(offset) * 86_400)) }
        server.addItem(in: "acme/repo-0003", title: "old but closed", createdAt: base, open: false)
        server.addItem(in: "acme/repo-0003", title: "pr", createdAt: base.addingTimeInterval(2 * 86_400), pullRequest: true)
        server.addItem(in: "acme/repo-0003", title: "older pr", createdAt: base.addingTimeInterval(86_400 / 2), pullRequest: true)
        server.addItem(in: "acme/repo-0005", title: "only a pr", createdAt: base, pullRequest: true)
        let names = server.repositoryNames()
        let context = try fixture.context()
        let session = try context.githubSession()
        // REST answers as an administrator sees them (the REST endpoint needs admin rights).
        var rest: [String: (Protection, OpenItems)] = [:]
        for name in names { rest[name] = (try await restProtection(session.client, name), try await restOpenItems(session.client, name)) }
        for name in names { server.setViewerAccess(name, access) }
        let signals = GitHubHostSignals(session: session) { names }
        for name in names {
            let answers = await ask(signals, name)
            #expect(answers.errors.isEmpty, "\(name): \(answers.errors)")
            #expect(answers.protection == .value(rest[name]!.0), "\(name) (\(access))")
            #expect(answers.items == .value(rest[name]!.1), "\(name)")
        }
        await context.shutdown()
        // Spot checks that the comparison is not vacuous.
        #expect(rest["acme/repo-0002"]?.0 == Protection(protected: true, requiresReviews: false, requiresStatusChecks: true, allowsForcePushes: true))
        #expect(rest["acme/repo-0004"]?.0 == Protection(protected: true, requiresReviews: true, requiresStatusChecks: false))
        #expect(rest["acme/repo-0006"]?.0 == Protection(protected: false))
        #expect(rest["acme/repo-0003"]?.1 == OpenItems(openIssues: 3, openPullRequests: 2, oldestIssueOpenedAt: base.addingTimeInterval(86_400),
                                                      oldestPullRequestOpenedAt: base.addingTimeInterval(86_400 / 2)))
    }

    @Test("one query per 100 repositories, 2 points per full query",
          arguments: [(1, 1, 1), (100, 1, 2), (101, 2, 3), (250, 3, 5)])
    func requestCount(repositories: Int, requests: Int, points: Int) async throws {
        let fixture = try await GitHubFixture.start(repositories: 250)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let names = Array(fixture.server.repositoryNames().prefix(repositories))
        let signals = GitHubHostSignals(session: try context.githubSession()) { names }
        fixture.server.resetRecordings()
        let answers = await BoundedConcurrency.map(names, limit: 8) { await ask(signals, $0) }
        await context.shutdown()
        #expect(answers.allSatisfy { $0.errors.isEmpty })
        #expect(fixture.server.requests.count == requests)
        #expect(fixture.server.quotaSpent["graphql"] == points)
    }

    @Test("a deleted repository is an error for that repository only; an unknown one costs one more query")
    func notFoundPerRepository() async throws {
        let fixture = try await GitHubFixture.start(repositories: 20)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let names = fixture.server.repositoryNames()
        fixture.server.delete("acme/repo-0007")
        let signals = GitHubHostSignals(session: try context.githubSession()) { names }
        fixture.server.resetRecordings()
        let gone = await ask(signals, "acme/repo-0007")
        #expect(gone.errors.count == 3)
        #expect(gone.errors.allSatisfy { $0.contains("acme/repo-0007 is not visible on GitHub") })
        let fine = await ask(signals, "acme/repo-0008")
        #expect(fine.errors.isEmpty)
        #expect(fine.protection == .value(Protection(protected: true, requiresReviews: true, requiresStatusChecks: true)))
        #expect(fixture.server.requests.count == 1)
        let stranger = await ask(signals, "acme/not-in-the-manifest")
        #expect(stranger.errors.count == 3)
        #expect(fixture.server.requests.count == 2)
        await context.shutdown()
    }

    @Test("a part GitHub refuses is that repository's reason; its other parts and neighbours still answer")
    func partialErrors() async throws {
        let fixture = try await GitHubFixture.start(repositories: 10)
        defer { Task { await fixture.stop() } }
        let server = fixture.server
        server.setViewerAccess("acme/repo-0002", .withoutAdministration)
        server.setViewerAccess("acme/repo-0004", .withoutIssues)
        server.addItem(in: "acme/repo-0002", title: "an issue", createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        let context = try fixture.context()
        let names = server.repositoryNames()
        let signals = GitHubHostSignals(session: try context.githubSession()) { names }
        server.resetRecordings()

        let hidden = await ask(signals, "acme/repo-0002")
        #expect(hidden.errors.isEmpty)
        guard case .notApplicable(let why)? = hidden.protection else {
            Issue.record("expected a reason, got \(String(describing: hidden.protection))")
            return
        }
        #expect(why.contains("cannot read the branch protection of acme/repo-0002"))
        #expect(why.contains("FORBIDDEN") && why.contains("Administration"))
        #expect(hidden.items == .value(OpenItems(openIssues: 1, openPullRequests: 0, oldestIssueOpenedAt: Date(timeIntervalSince1970: 1_700_000_000))))
        guard case .value(let ci)? = hidden.ci else { Issue.record("CI should still answer"); return }
        #expect(ci.state == .success)

        // `issues` is non-null in GitHub's schema: its error nulls the whole repository.
        let refused = await ask(signals, "acme/repo-0004")
        #expect(refused.errors.count == 3)
        #expect(refused.errors.allSatisfy { $0.contains("GitHub could not answer for acme/repo-0004") && $0.contains("FORBIDDEN") })

        for neighbour in ["acme/repo-0003", "acme/repo-0005"] {
            let answers = await ask(signals, neighbour)
            #expect(answers.errors.isEmpty, "\(neighbour): \(answers.errors)")
        }
        #expect(server.requests.count == 1)
        await context.shutdown()
    }
}
