import Foundation
import GitHubKit

/// Pull requests on GitHub: changes go to `infinity/heal/<category>/<short-sha>` through the git
/// data API and a pull request is opened — or the existing branch and pull request are reused.
public struct GitHubChangeProposer: ChangeProposer {
    public let session: GitHubSession

    public init(session: GitHubSession) { self.session = session }

    public func propose(_ request: ChangeRequest) async throws -> ProposedChange {
        let client = session.client
        let branch = request.branchName
        guard branch != request.baseBranch else {
            throw CodeHostError("refusing to commit to \(request.baseBranch) of \(request.repository)", remedy: "healing only proposes on its own branches")
        }
        try await client.commitFiles(request.repository, branch: branch, baseBranch: request.baseBranch,
                                     files: request.files, message: request.commitMessage)
        let owner = request.repository.split(separator: "/").first.map(String.init) ?? session.owner
        if let existing = try await client.pullRequests(request.repository, head: "\(owner):\(branch)", state: "open").first {
            return ProposedChange(branch: branch, number: existing.number, url: existing.htmlUrl, reused: true)
        }
        do {
            let pull = try await client.createPullRequest(request.repository, NewPullRequest(
                title: request.title, head: branch, base: request.baseBranch, body: request.body))
            return ProposedChange(branch: branch, number: pull.number, url: pull.htmlUrl, reused: false)
        } catch let error as GitHubError where error.code == .validationFailed {
            // "A pull request already exists" (opened meanwhile): find it rather than fail.
            if let existing = try await client.pullRequests(request.repository, head: "\(owner):\(branch)", state: "open").first {
                return ProposedChange(branch: branch, number: existing.number, url: existing.htmlUrl, reused: true)
            }
            throw error
        }
    }
}

/// GitHub Actions: the latest failed run, re-running its failed jobs, and their logs (the API's
/// 302 to the log host is followed without the token).
public struct GitHubWorkflowRunner: WorkflowRunner {
    public let session: GitHubSession

    public init(session: GitHubSession) { self.session = session }

    public func latestFailedRun(repository: String, branch: String) async throws -> CIRun? {
        let runs = try await session.client.workflowRuns(repository, branch: branch, status: "completed", limit: 20)
        guard let latest = runs.max(by: { $0.createdAt < $1.createdAt }), latest.conclusion == "failure" else { return nil }
        return CIRun(id: latest.id, headSHA: latest.headSha, conclusion: latest.conclusion, url: latest.htmlUrl)
    }

    public func rerunFailedJobs(repository: String, run: CIRun) async throws {
        try await session.client.rerunFailedJobs(repository, runID: run.id)
    }

    public func failedJobLogs(repository: String, run: CIRun, maxBytes: Int) async throws -> [FailedJobLog] {
        let jobs = try await session.client.workflowJobs(repository, runID: run.id).filter { $0.conclusion == "failure" }
        var logs: [FailedJobLog] = []
        for job in jobs {
            let data = try await session.client.jobLogs(repository, jobID: job.id)
            let tail = data.count > maxBytes ? data.suffix(maxBytes) : data
            logs.append(FailedJobLog(jobID: job.id, name: job.name, log: String(decoding: tail, as: UTF8.self)))
        }
        return logs
    }
}

/// GitHub code scanning: SARIF upload, and the open code-scanning, secret-scanning and
/// Dependabot alerts (a feature not enabled on a repository answers 403/404: no alerts from it).
public struct GitHubCodeScanning: CodeScanningHost {
    public let session: GitHubSession

    public init(session: GitHubSession) { self.session = session }

    public func uploadSARIF(repository: String, sarif: Data, commitSHA: String, ref: String) async throws -> String? {
        try await session.client.uploadSARIF(repository, sarif: sarif, commitSHA: commitSHA, ref: ref, toolName: "infinity").id
    }

    public func openAlerts(repository: String) async throws -> [SecurityAlert] {
        let client = session.client
        var out: [SecurityAlert] = []
        out += try await Self.unlessDisabled({ try await client.codeScanningAlerts(repository) }).map { SecurityAlert($0) }
        out += try await Self.unlessDisabled({ try await client.secretScanningAlerts(repository) }).map { SecurityAlert($0) }
        out += try await Self.unlessDisabled({ try await client.dependabotAlerts(repository) }).map { SecurityAlert($0) }
        return out
    }

    static func unlessDisabled<T>(_ body: () async throws -> [T]) async throws -> [T] {
        do { return try await body() } catch let error as GitHubError where error.code == .notFound || error.code == .forbidden {
            return []
        }
    }
}
