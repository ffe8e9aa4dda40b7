import CodeHosts
import Foundation
import GitHubKit
import InfinityModel
import InfinitySystem
import InfinityTestSupport
import OrchestrationEngine
import Testing

@Suite("GitHub host: signals, alerts, pull requests, cloning", .serialized)
struct GitHubChannelTests {
    @Test("CI status of 1,000 repositories costs at most 20 requests")
    func batchedCIStatus() async throws {
        let fixture = try await GitHubFixture.start(repositories: 1000)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let names = fixture.server.repositoryNames()
        let session = try context.githubSession()
        let signals = GitHubHostSignals(session: session) { names }
        fixture.server.resetRecordings()
        let pairs = await BoundedConcurrency.map(names, limit: 16) { name -> (String, CIStatus.State?) in
            let repo = HostedRepository(name: String(name.split(separator: "/")[1]), fullName: name, location: "")
            guard case .value(let status)? = try? await signals.ciStatus(of: repo) else { return (name, nil) }
            return (name, status.state)
        }
        await context.shutdown()
        let states = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        #expect(names.count == 1000)
        #expect(fixture.server.requests.count <= 20, "CI pass took \(fixture.server.requests.count) requests")
        #expect(states.values.allSatisfy { $0 != nil })
        // index % 9 == 0 fails in the synthetic data; index 1 succeeds.
        #expect(states["acme/repo-0000"] == .failure)
        #expect(states["acme/repo-0001"] == .success)
    }

    @Test("an alert issue is opened, found again by a second channel, updated and closed without duplicates")
    func alertLifecycleAcrossRestarts() async throws {
        let fixture = try await GitHubFixture.start(repositories: 5)
        defer { Task { await fixture.stop() } }
        let key = "health:repo-0003"
        let first = try fixture.context()
        let channel = GitHubAlertChannel(session: try first.githubSession())
        #expect(try await channel.find(key: key) == nil)
        let opened = try await channel.open(key: key, title: "repo-0003 is unhealthy", body: "score 40")
        await first.shutdown()

        let second = try fixture.context()
        let restarted = GitHubAlertChannel(session: try second.githubSession())
        let found = try #require(try await restarted.find(key: key))
        #expect(found.reference == opened.reference)
        #expect(found.body == "score 40")
        let updated = try await restarted.update(found, title: "repo-0003 is unhealthy (score 35)", body: "score 35", reopen: false)
        _ = try await restarted.comment(on: updated, text: "still unhealthy")
        let closed = try await restarted.close(updated, comment: "recovered")
        #expect(closed.state == .closed)
        #expect(try await restarted.find(key: key)?.state == .closed)
        await second.shutdown()

        let issues = fixture.server.issues(in: "acme/repo-0003").filter { !$0.isPullRequest }
        #expect(issues.count == 1)
        #expect(issues.first?.labels == [GitHubAlertChannel.label])
        #expect(issues.first?.body?.hasPrefix(AlertMarker.marker(for: key)) == true)
        #expect(issues.first?.comments == ["still unhealthy", "recovered"])
    }

    @Test("a second proposal for the same fix reuses the branch and the pull request")
    func pullRequestReuse() async throws {
        let fixture = try await GitHubFixture.start(repositories: 3)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let proposer = try #require(try context.makeChangeProposer())
        let head = try #require(fixture.server.reference(in: "acme/repo-0001", "refs/heads/main"))
        let request = ChangeRequest(repository: "acme/repo-0001", baseBranch: "main", category: "Dependency Resolution", baseSHA: head,
                                    title: "Fix dependency resolution", body: "Proposed by infinity.", commitMessage: "Pin versions",
                                    files: ["go.sum": Data("pinned\n".utf8)])
        #expect(request.branchName == "infinity/heal/dependency-resolution/\(head.prefix(7))")
        let first = try await proposer.propose(request)
        var again = request
        again.files = ["go.sum": Data("pinned v2\n".utf8)]
        let second = try await proposer.propose(again)
        await context.shutdown()
        #expect(!first.reused)
        #expect(second.reused)
        #expect(second.number == first.number)
        #expect(fixture.server.issues(in: "acme/repo-0001").filter(\.isPullRequest).count == 1)
        #expect(fixture.server.reference(in: "acme/repo-0001", "refs/heads/main") == head)
        #expect(fixture.server.fileContent(in: "acme/repo-0001", branch: request.branchName, path: "go.sum") == Data("pinned v2\n".utf8))
    }

    @Test("failed jobs are re-run and their logs read through the 302")
    func workflowRerunAndLogs() async throws {
        let fixture = try await GitHubFixture.start(repositories: 10)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let runner = try #require(try context.makeWorkflowRunner())
        // index 0: CI FAILURE in the synthetic data; index 1 succeeds.
        #expect(try await runner.latestFailedRun(repository: "acme/repo-0001", branch: "main") == nil)
        let run = try #require(try await runner.latestFailedRun(repository: "acme/repo-0000", branch: "main"))
        let logs = try await runner.failedJobLogs(repository: "acme/repo-0000", run: run, maxBytes: 10_000)
        #expect(logs.map(\.name) == ["test"])
        #expect(logs.first?.log.contains("test failed") == true)
        try await runner.rerunFailedJobs(repository: "acme/repo-0000", run: run)
        await context.shutdown()
        #expect(fixture.server.rerunCount(in: "acme/repo-0000", runID: run.id) == 1)
        #expect(fixture.server.logRequestsWithAuthorization == 0)
    }

    @Test("SARIF is uploaded and the host's alerts are listed")
    func codeScanning() async throws {
        let fixture = try await GitHubFixture.start(repositories: 5)
        defer { Task { await fixture.stop() } }
        let context = try fixture.context()
        let scanning = try #require(try context.makeCodeScanningHost())
        let head = try #require(fixture.server.reference(in: "acme/repo-0000", "refs/heads/main"))
        let sarif = Data(#"{"version":"2.1.0","runs":[]}"#.utf8)
        let id = try await scanning.uploadSARIF(repository: "acme/repo-0000", sarif: sarif, commitSHA: head, ref: "refs/heads/main")
        #expect(id != nil)
        #expect(fixture.server.sarifUploads(in: "acme/repo-0000").first?.sarif == sarif)
        let alerts = try await scanning.openAlerts(repository: "acme/repo-0000")
        await context.shutdown()
        // index 0: 2 code-scanning, 1 secret-scanning, 3 Dependabot alerts.
        #expect(alerts.filter { $0.source == .codeScanning }.count == 2)
        #expect(alerts.filter { $0.source == .secretScanning }.count == 1)
        #expect(alerts.filter { $0.source == .dependabot }.count == 3)
    }

    @Test("cloning passes the token through the environment only: .git/config stays clean")
    func cloneKeepsConfigClean() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let origin = dir.url("origin")
        let runner = ProcessRunner.live
        _ = try await runner.checked("git", ["init", "--quiet", "-b", "main", origin])
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: origin + "/README.md"))
        let ident = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
        _ = try await runner.checked("git", ["-C", origin, "add", "."])
        _ = try await runner.checked("git", ["-C", origin] + ident + ["commit", "--quiet", "-m", "init"])
        let git = AuthenticatedGit(runner: runner, token: Secret(GitHubFixture.canary), webRoot: "https://github.example",
                                   baseEnvironment: ProcessInfo.processInfo.environment)
        let clone = dir.url("clone")
        try await git.cloneOrFetch(url: origin, into: clone, branch: "main")
        try await git.cloneOrFetch(url: origin, into: clone, branch: "main")
        let config = try String(contentsOfFile: clone + "/.git/config", encoding: .utf8)
        #expect(!config.contains(GitHubFixture.canary))
        #expect(!config.lowercased().contains("extraheader"))
        // git itself sees the header (scoped to the host) through the environment.
        let seen = try await runner.checked("git", ["-C", clone, "config", "--get-urlmatch", "http.extraHeader", "https://github.example/acme/x"],
                                            environment: git.environment())
        let basic = Data("x-access-token:\(GitHubFixture.canary)".utf8).base64EncodedString()
        #expect(seen.stdoutText.contains(basic))
        await #expect(throws: CodeHostError.self) {
            try await git.cloneOrFetch(url: dir.url("nope"), into: dir.url("clone2"), branch: nil)
        }
    }
}
