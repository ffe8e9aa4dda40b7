import Foundation
import GitHubKit
import InfinityTestSupport
import Testing

@Suite("REST operations against the test server")
struct OperationsRoundTripTests {
    @Test("issues: create, comment, relabel, search and list by label, close")
    func issueLifecycle() async throws {
        try await Harness.with { harness in
            let repo = "acme/repo-0001"
            let created = try await harness.client.createIssue(
                repo, NewIssue(title: "Build failing on main", body: "details", labels: ["infinity", "build"]))
            #expect(created.number == 1 && created.state == "open")
            #expect(created.labels.map(\.name) == ["infinity", "build"])
            _ = try await harness.client.createIssue(repo, NewIssue(title: "Unrelated", labels: ["docs"]))
            let comment = try await harness.client.commentOnIssue(repo, number: created.number, body: "Still failing")
            #expect(comment.body == "Still failing")
            let labelled = try await harness.client.listIssues(repo, labels: ["infinity"])
            #expect(labelled.map(\.number) == [created.number])
            let found = try await harness.client.searchIssues(query: "repo:\(repo) is:issue is:open label:infinity Build")
            #expect(found.map(\.number) == [created.number])
            let relabelled = try await harness.client.updateIssue(repo, number: created.number, IssueUpdate(labels: ["infinity"]))
            #expect(relabelled.labels.map(\.name) == ["infinity"])
            let closed = try await harness.client.closeIssue(repo, number: created.number, reason: "not_planned")
            #expect(closed.state == "closed" && closed.stateReason == "not_planned" && closed.closedAt != nil)
            let stored = try #require(harness.server.issues(in: repo).first)
            #expect(stored.state == "closed" && stored.comments == ["Still failing"])
            #expect(try await harness.client.searchIssues(query: "repo:\(repo) is:open label:infinity").isEmpty)
            let searches = harness.server.requests.filter { $0.path.hasSuffix("/search/issues") }
            #expect(searches.allSatisfy { $0.status == 200 })
        }
    }

    @Test("git data: commit files to a new branch, open a PR, find it by head, refuse a duplicate")
    func branchCommitAndPullRequest() async throws {
        try await Harness.with { harness in
            let repo = "acme/repo-0002"
            let baseHead = try #require(harness.server.reference(in: repo, "refs/heads/main"))
            let commit = try await harness.client.commitFiles(
                repo, branch: "infinity/fix-ci", baseBranch: "main",
                files: ["Package.swift": Data("// fixed\n".utf8), ".github/workflows/ci.yml": Data("on: push\n".utf8)],
                message: "Fix CI")
            #expect(commit.parents.map(\.sha) == [baseHead])
            #expect(harness.server.reference(in: repo, "refs/heads/infinity/fix-ci") == commit.sha)
            #expect(harness.server.reference(in: repo, "refs/heads/main") == baseHead)
            #expect(harness.server.fileContent(in: repo, branch: "infinity/fix-ci", path: "Package.swift") == Data("// fixed\n".utf8))
            #expect(harness.server.fileContent(in: repo, branch: "infinity/fix-ci", path: "README.md") != nil)

            let second = try await harness.client.commitFiles(
                repo, branch: "infinity/fix-ci", baseBranch: "main", files: ["NOTES.md": Data("n\n".utf8)], message: "More")
            #expect(second.parents.map(\.sha) == [commit.sha])

            let pull = try await harness.client.createPullRequest(
                repo, NewPullRequest(title: "Fix CI", head: "infinity/fix-ci", base: "main", body: "Automated"))
            #expect(pull.head.ref == "infinity/fix-ci" && pull.base.ref == "main" && pull.head.sha == second.sha)
            let open = try await harness.client.pullRequests(repo, head: "acme:infinity/fix-ci")
            #expect(open.map(\.number) == [pull.number])
            #expect(try await harness.client.pullRequests(repo, head: "acme:other").isEmpty)
            let duplicate = await #expect(throws: GitHubError.self) {
                _ = try await harness.client.createPullRequest(repo, NewPullRequest(title: "again", head: "infinity/fix-ci", base: "main"))
            }
            #expect(duplicate?.code == .validationFailed)
            #expect(duplicate?.validationErrors.first?.message?.contains("already exists") == true)
        }
    }

    @Test("SARIF is uploaded gzip+base64 and the server reads back the same document")
    func sarifUpload() async throws {
        try await Harness.with { harness in
            let repo = "acme/repo-0003"
            let sha = try #require(harness.server.reference(in: repo, "refs/heads/main"))
            let results = (0..<200).map { #"{"ruleId":"R\#($0)","message":{"text":"finding \#($0)"},"level":"warning"}"# }
            let sarif = Data((#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"infinity"}},"results":["# + results.joined(separator: ",") + "]}]}").utf8)
            let receipt = try await harness.client.uploadSARIF(repo, sarif: sarif, commitSHA: sha, ref: "refs/heads/main")
            #expect(receipt.id?.isEmpty == false)
            let uploads = harness.server.sarifUploads(in: repo)
            #expect(uploads.count == 1)
            #expect(uploads.first?.sarif == sarif)
            #expect(uploads.first?.commitSHA == sha && uploads.first?.ref == "refs/heads/main")
            let charged = harness.server.requests.last { $0.path.hasSuffix("/sarifs") }
            #expect(charged?.resource == "code_scanning_upload")
            let bad = await #expect(throws: GitHubError.self) {
                _ = try await harness.client.uploadSARIF(repo, sarif: sarif, commitSHA: "abc", ref: "refs/heads/main")
            }
            #expect(bad?.code == .validationFailed)
        }
    }

    @Test("Actions: runs, jobs, logs through a 302 without Authorization, re-run failed jobs")
    func actions() async throws {
        try await Harness.with { harness in
            let repo = "acme/repo-0009"  // CI failing
            let runs = try await harness.client.workflowRuns(repo, branch: "main")
            #expect(runs.count == 3)
            let failed = try #require(runs.first { $0.conclusion == "failure" })
            #expect(try await harness.client.workflowRuns(repo, status: "failure").map(\.id) == [failed.id])
            #expect(try await harness.client.workflowRuns(repo, limit: 2).count == 2)
            let jobs = try await harness.client.workflowJobs(repo, runID: failed.id)
            let failedJob = try #require(jobs.first { $0.conclusion == "failure" })
            let log = try await harness.client.jobLogs(repo, jobID: failedJob.id)
            #expect(String(decoding: log, as: UTF8.self).contains("exit code 1"))
            let logRequests = harness.server.requests.filter { $0.host == "logs" }
            #expect(logRequests.count == 1)
            #expect(harness.server.logRequestsWithAuthorization == 0)
            #expect(logRequests.first?.headers["x-github-api-version"] == nil)
            try await harness.client.rerunFailedJobs(repo, runID: failed.id)
            #expect(harness.server.rerunCount(in: repo, runID: failed.id) == 1)
        }
    }

    @Test("CI of a ref: combined status and check runs with an overall verdict")
    func ciStatus() async throws {
        try await Harness.with { harness in
            let failing = try await harness.client.ciStatus("acme/repo-0009", ref: "main")
            #expect(failing.overall == .failure)
            #expect(failing.combined.statuses.first?.context == "ci/infinity")
            #expect(failing.checkRuns.count == 2)
            let passing = try await harness.client.ciStatus("acme/repo-0001", ref: "main")
            #expect(passing.overall == .success)
            let pending = try await harness.client.ciStatus("acme/repo-0011", ref: "main")
            #expect(pending.overall == .pending)
        }
    }

    @Test("security alerts and languages decode; the secret value of a secret-scanning alert is not kept")
    func alerts() async throws {
        try await Harness.with(server: { $0.repositoryCount = 31 }) { harness in
            let code = try await harness.client.codeScanningAlerts("acme/repo-0000")
            #expect(code.count == 2 && code.first?.rule.securitySeverityLevel == "high")
            let secrets = try await harness.client.secretScanningAlerts("acme/repo-0030")
            #expect(secrets.count == 1 && secrets.first?.secretType == "github_personal_access_token")
            var dumped = ""
            dump(secrets, to: &dumped)
            #expect(!dumped.contains("SYNTHETICLEAKEDVALUE"))
            let dependabot = try await harness.client.dependabotAlerts("acme/repo-0006")
            #expect(dependabot.count == 3 && dependabot.first?.securityVulnerability.firstPatchedVersion?.identifier == "1.2.1")
            let languages = try await harness.client.languages("acme/repo-0000")
            #expect(languages["Swift"] == 10_000)
            let limits = try await harness.client.rateLimit()
            #expect(limits.resources["core"]?.limit == 5000)
        }
    }
}
