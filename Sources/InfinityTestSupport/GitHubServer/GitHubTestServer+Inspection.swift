import Foundation
import NIOConcurrencyHelpers

/// An issue as the test server stores it.
public struct GitHubTestIssue: Sendable, Hashable {
    /// The number.
    public var number: Int
    /// The title.
    public var title: String
    /// The body.
    public var body: String?
    /// `open` or `closed`.
    public var state: String
    /// The close reason.
    public var stateReason: String?
    /// Label names.
    public var labels: [String]
    /// Comment bodies in order.
    public var comments: [String]
    /// Whether it is a pull request.
    public var isPullRequest: Bool
}

extension GitHubTestServer {
    /// Every request so far, in arrival order.
    public var requests: [GitHubTestRecordedRequest] { core.state.withLockedValue { $0.recordings } }

    /// Most requests the server had in flight at once.
    public var maxConcurrency: Int { core.state.withLockedValue { $0.maxInFlight } }

    /// Secondary rate-limit answers issued.
    public var secondaryEvents: [GitHubTestSecondaryEvent] { core.state.withLockedValue { $0.secondaryEvents } }

    /// Quota points charged per resource (304s are free).
    public var quotaSpent: [String: Int] { core.state.withLockedValue { $0.quotaSpent } }

    /// 304 answers given.
    public var notModifiedCount: Int { core.state.withLockedValue { $0.notModifiedCount } }

    /// Installation tokens minted.
    public var tokensMinted: Int { core.state.withLockedValue { $0.tokensMinted } }

    /// Requests to the log host that carried an `Authorization` header (must stay 0).
    public var logRequestsWithAuthorization: Int { core.state.withLockedValue { $0.logRequestsWithAuthorization } }

    /// Remaining primary quota of `resource` in the current window.
    public func remainingQuota(_ resource: String) -> Int {
        core.state.withLockedValue { $0.remaining(resource) }
    }

    /// Requests that arrived while a secondary-limit window was open, excluding the ones that
    /// arrived within `graceSeconds` of wall-clock time after the limit was issued (those were
    /// already in flight). With one request in flight at a time, use a grace of 0.
    public func retryAfterViolations(graceSeconds: Double) -> [GitHubTestRecordedRequest] {
        core.state.withLockedValue { state in
            state.recordings.filter { request in
                request.host == "api" && state.secondaryEvents.contains { event in
                    request.index > event.requestIndex && request.receivedAt < event.blockedUntil
                        && request.receivedAtWallClock.timeIntervalSince(event.issuedAtWallClock) > graceSeconds
                }
            }
        }
    }

    /// Makes the next `count` requests whose path contains `pathContains` (and method, if given) misbehave.
    public func inject(_ injection: GitHubTestInjection, pathContains: String, method: String? = nil, count: Int = 1) {
        core.state.withLockedValue { $0.injections.append((pathContains, method, injection, max(1, count))) }
    }

    /// Replaces the random fault plan.
    public func setFaults(_ faults: GitHubTestFaultPlan) {
        core.state.withLockedValue { $0.configuration.faults = faults }
    }

    /// Forgets recorded requests, events and counters (not repository state or budgets).
    public func resetRecordings() {
        core.state.withLockedValue { state in
            state.recordings = []
            state.secondaryEvents = []
            state.quotaSpent = [:]
            state.notModifiedCount = 0
            state.maxInFlight = state.inFlight
            state.logRequestsWithAuthorization = 0
        }
    }

    /// Names (`owner/name`) of the organization's repositories, sorted.
    public func repositoryNames() -> [String] {
        core.state.withLockedValue { state in
            state.repositories.values.filter { $0.owner == state.configuration.organization }.map(\.fullName).sorted()
        }
    }

    /// Pushes a new commit to the default branch of `fullName` (changes pushed_at, head and ETags);
    /// `files` sets (text) or removes (nil) paths in the new commit.
    public func simulatePush(_ fullName: String, files: [String: String?] = [:], ciState: String? = "PENDING") {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories[key], let head = repo.headSHA, let commit = repo.commits[head] else { return }
            var tree = repo.trees[commit.tree] ?? [:]
            for (path, text) in files {
                guard let text else {
                    tree[path] = nil
                    continue
                }
                let data = Data(text.utf8)
                let blob = GitObjectID.blob(data)
                state.repositories[key]?.blobs[blob] = data
                tree[path] = TreeItem(mode: "100644", type: "blob", sha: blob, size: data.count)
            }
            let treeSHA = GitObjectID.tree(tree)
            state.repositories[key]?.trees[treeSHA] = tree
            let sha = GitObjectID.commit(tree: treeSHA, parents: [head], message: "Push", date: state.now.addingTimeInterval(1))
            let stamp = state.now
            state.repositories[key]?.commits[sha] = ServerCommit(sha: sha, tree: treeSHA, parents: [head], message: "Push", date: stamp)
            state.repositories[key]?.refs["refs/heads/\(repo.defaultBranch)"] = sha
            state.repositories[key]?.ciState = ciState
            state.touch(key, pushed: true)
        }
    }

    /// Archives or unarchives a repository.
    public func setArchived(_ fullName: String, _ archived: Bool) {
        core.state.withLockedValue { state in
            state.repositories[fullName.lowercased()]?.archived = archived
            state.touch(fullName.lowercased(), pushed: false)
        }
    }

    /// Sets the CI rollup of the default branch head (`SUCCESS`, `FAILURE`, `PENDING`, nil).
    public func setCIState(_ fullName: String, _ ciState: String?) {
        core.state.withLockedValue { $0.repositories[fullName.lowercased()]?.ciState = ciState }
    }

    /// Renames a repository; the old name answers 301 (GET) / 307 (other methods).
    public func rename(_ fullName: String, to newName: String) {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard var repo = state.repositories.removeValue(forKey: key) else { return }
            repo.name = newName
            state.renamed[key] = repo.id
            state.insert(repo)
            state.touch(repo.fullName.lowercased(), pushed: false)
        }
    }

    /// Deletes a repository; it answers 404 from now on.
    public func delete(_ fullName: String) {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories.removeValue(forKey: key) else { return }
            state.idIndex[repo.id] = nil
            state.deleted.insert(key)
        }
        core.git.withdraw(fullName)
    }

    /// Issues and pull requests of a repository, by number.
    public func issues(in fullName: String) -> [GitHubTestIssue] {
        core.state.withLockedValue { state in
            guard let repo = state.repositories[fullName.lowercased()] else { return [] }
            return repo.issues.values.sorted { $0.number < $1.number }.map { issue in
                GitHubTestIssue(
                    number: issue.number, title: issue.title, body: issue.body, state: issue.state, stateReason: issue.stateReason,
                    labels: issue.labels, comments: (repo.comments[issue.number] ?? []).map(\.body),
                    isPullRequest: repo.pulls[issue.number] != nil)
            }
        }
    }

    /// SARIF uploads accepted for a repository.
    public func sarifUploads(in fullName: String) -> [GitHubTestSarifUpload] {
        core.state.withLockedValue { $0.repositories[fullName.lowercased()]?.sarifUploads ?? [] }
    }

    /// The commit a ref (`refs/heads/x`) points to.
    public func reference(in fullName: String, _ ref: String) -> String? {
        core.state.withLockedValue { $0.repositories[fullName.lowercased()]?.refs[ref] }
    }

    /// The content of `path` at the head of `branch`.
    public func fileContent(in fullName: String, branch: String, path: String) -> Data? {
        core.state.withLockedValue { state in
            guard let repo = state.repositories[fullName.lowercased()], let head = repo.refs["refs/heads/\(branch)"],
                let commit = repo.commits[head], let item = repo.trees[commit.tree]?[path]
            else { return nil }
            return repo.blobs[item.sha]
        }
    }

    /// How often the failed jobs of a run were re-run.
    public func rerunCount(in fullName: String, runID: Int64) -> Int {
        core.state.withLockedValue { $0.repositories[fullName.lowercased()]?.runs.first { $0.id == runID }?.reruns ?? 0 }
    }

    /// Marks a token as expired (401 from now on).
    public func expireToken(_ token: String) {
        core.state.withLockedValue { state in
            state.configuration.expiredTokens.insert(token)
            state.configuration.validTokens.remove(token)
            state.mintedTokens[token] = nil
        }
    }
}
