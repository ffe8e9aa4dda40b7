import Foundation
import GitHubKit
import InfinityJSON

extension ServerJSON {
    func pull(_ pull: ServerPull, repo: ServerRepository) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)/pulls/\(pull.number)"
        let html = "\(web)/\(repo.fullName)/pull/\(pull.number)"
        func side(_ ref: String, _ sha: String) -> JSONValue {
            .object([
                "label": .string("\(repo.owner):\(ref)"), "ref": .string(ref), "sha": .string(sha),
                "repo": repository(repo), "user": user(repo.owner, id: 1000 + Int64(repo.owner.count), type: repo.ownerType),
            ])
        }
        func link(_ href: String) -> JSONValue { .object(["href": .string(href)]) }
        return .object([
            "url": .string(base), "id": .int(Int(pull.id)), "node_id": .string("PR_\(pull.id)"), "html_url": .string(html),
            "diff_url": .string(html + ".diff"), "patch_url": .string(html + ".patch"),
            "issue_url": .string("\(api)/repos/\(repo.fullName)/issues/\(pull.number)"),
            "commits_url": .string(base + "/commits"), "review_comments_url": .string(base + "/comments"),
            "review_comment_url": .string("\(api)/repos/\(repo.fullName)/pulls/comments{/number}"),
            "comments_url": .string("\(api)/repos/\(repo.fullName)/issues/\(pull.number)/comments"),
            "statuses_url": .string("\(api)/repos/\(repo.fullName)/statuses/\(pull.headSHA)"),
            "number": .int(pull.number), "state": .string(pull.state), "locked": .bool(false), "title": .string(pull.title),
            "user": bot(), "body": pull.body.map { .string($0) } ?? .null, "labels": .array([]), "milestone": .null,
            "active_lock_reason": .null, "created_at": Self.date(pull.createdAt), "updated_at": Self.date(pull.updatedAt),
            "closed_at": .null, "merged_at": .null, "merge_commit_sha": .null, "assignee": .null, "assignees": .array([]),
            "requested_reviewers": .array([]), "requested_teams": .array([]), "head": side(pull.headRef, pull.headSHA),
            "base": side(pull.baseRef, pull.baseSHA),
            "_links": .object([
                "self": link(base), "html": link(html), "issue": link("\(api)/repos/\(repo.fullName)/issues/\(pull.number)"),
                "comments": link("\(api)/repos/\(repo.fullName)/issues/\(pull.number)/comments"),
                "review_comments": link(base + "/comments"),
                "review_comment": link("\(api)/repos/\(repo.fullName)/pulls/comments{/number}"),
                "commits": link(base + "/commits"), "statuses": link("\(api)/repos/\(repo.fullName)/statuses/\(pull.headSHA)"),
            ]),
            "author_association": .string("NONE"), "auto_merge": .null, "draft": .bool(pull.draft),
            "merged": .bool(false), "mergeable": .null, "rebaseable": .null, "mergeable_state": .string("unknown"),
            "merged_by": .null, "comments": .int(0), "review_comments": .int(0), "maintainer_can_modify": .bool(false),
            "commits": .int(1), "additions": .int(1), "deletions": .int(0), "changed_files": .int(1),
        ])
    }

    func reference(_ ref: String, sha: String, repo: ServerRepository) -> JSONValue {
        .object([
            "ref": .string(ref), "node_id": .string("REF_\(sha.prefix(8))"),
            "url": .string("\(api)/repos/\(repo.fullName)/git/\(ref)"),
            "object": .object([
                "type": .string("commit"), "sha": .string(sha),
                "url": .string("\(api)/repos/\(repo.fullName)/git/commits/\(sha)"),
            ]),
        ])
    }

    func tree(_ sha: String, items: [String: TreeItem], repo: ServerRepository) -> JSONValue {
        .object([
            "sha": .string(sha), "url": .string("\(api)/repos/\(repo.fullName)/git/trees/\(sha)"), "truncated": .bool(false),
            "tree": .array(items.sorted { $0.key < $1.key }.map { path, item in
                var entry: [String: JSONValue] = [
                    "path": .string(path), "mode": .string(item.mode), "type": .string(item.type), "sha": .string(item.sha),
                    "url": .string("\(api)/repos/\(repo.fullName)/git/\(item.type)s/\(item.sha)"),
                ]
                if let size = item.size { entry["size"] = .int(size) }
                return .object(entry)
            }),
        ])
    }

    func commit(_ commit: ServerCommit, repo: ServerRepository) -> JSONValue {
        let person: JSONValue = .object([
            "name": .string("Infinity Bot"), "email": .string("bot@example.invalid"), "date": Self.date(commit.date),
        ])
        return .object([
            "sha": .string(commit.sha), "node_id": .string("C_\(commit.sha.prefix(8))"),
            "url": .string("\(api)/repos/\(repo.fullName)/git/commits/\(commit.sha)"),
            "html_url": .string("\(web)/\(repo.fullName)/commit/\(commit.sha)"), "author": person, "committer": person,
            "message": .string(commit.message),
            "tree": .object(["sha": .string(commit.tree), "url": .string("\(api)/repos/\(repo.fullName)/git/trees/\(commit.tree)")]),
            "parents": .array(commit.parents.map { parent in
                .object([
                    "sha": .string(parent), "url": .string("\(api)/repos/\(repo.fullName)/git/commits/\(parent)"),
                    "html_url": .string("\(web)/\(repo.fullName)/commit/\(parent)"),
                ])
            }),
            "verification": .object([
                "verified": .bool(false), "reason": .string("unsigned"), "signature": .null, "payload": .null,
                "verified_at": .null,
            ]),
        ])
    }

    /// REST state names for a GraphQL rollup state.
    static func restState(_ rollup: String?) -> (status: String, conclusion: String?, checkStatus: String) {
        switch rollup {
        case "FAILURE": return ("failure", "failure", "completed")
        case "PENDING": return ("pending", nil, "in_progress")
        case "ERROR": return ("error", "failure", "completed")
        case nil: return ("pending", nil, "queued")
        default: return ("success", "success", "completed")
        }
    }

    func combinedStatus(_ repo: ServerRepository, sha: String) -> JSONValue {
        let state = Self.restState(repo.ciState)
        let statuses: [JSONValue] = repo.ciState == nil ? [] : [
            .object([
                "id": .int(Int(repo.id)), "node_id": .string("SC_\(repo.id)"), "state": .string(state.status),
                "context": .string("ci/infinity"), "description": .string("Build \(state.status)"),
                "target_url": .string("\(web)/\(repo.fullName)/actions"), "avatar_url": .null, "required": .bool(true),
                "url": .string("\(api)/repos/\(repo.fullName)/statuses/\(sha)"),
                "created_at": Self.date(repo.pushedAt), "updated_at": Self.date(repo.pushedAt),
            ])
        ]
        return .object([
            "state": .string(state.status), "statuses": .array(statuses), "sha": .string(sha),
            "total_count": .int(statuses.count), "repository": repository(repo),
            "commit_url": .string("\(api)/repos/\(repo.fullName)/commits/\(sha)"),
            "url": .string("\(api)/repos/\(repo.fullName)/commits/\(sha)/status"),
        ])
    }

    func checkRun(_ repo: ServerRepository, sha: String, index: Int) -> JSONValue {
        let state = Self.restState(repo.ciState)
        let id = Int(repo.id) * 10 + index
        return .object([
            "id": .int(id), "head_sha": .string(sha), "node_id": .string("CR_\(id)"), "external_id": .string(""),
            "url": .string("\(api)/repos/\(repo.fullName)/check-runs/\(id)"),
            "html_url": .string("\(web)/\(repo.fullName)/runs/\(id)"), "details_url": .string("\(web)/\(repo.fullName)/runs/\(id)"),
            "status": .string(state.checkStatus), "conclusion": state.conclusion.map { .string($0) } ?? .null,
            "started_at": Self.date(repo.pushedAt), "completed_at": state.conclusion == nil ? .null : Self.date(repo.pushedAt.addingTimeInterval(60)),
            "output": .object([
                "title": .string("Build"), "summary": .string("Synthetic check"), "text": .null, "annotations_count": .int(0),
                "annotations_url": .string("\(api)/repos/\(repo.fullName)/check-runs/\(id)/annotations"),
            ]),
            "name": .string(index == 0 ? "build" : "test"), "check_suite": .object(["id": .int(Int(repo.id))]),
            "app": .null, "pull_requests": .array([]),
        ])
    }

    func workflowRun(_ run: ServerRun, repo: ServerRepository) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)/actions/runs/\(run.id)"
        return .object([
            "id": .int(Int(run.id)), "name": .string("CI"), "node_id": .string("WFR_\(run.id)"),
            "check_suite_id": .int(Int(run.id)), "check_suite_node_id": .string("CS_\(run.id)"),
            "head_branch": .string(run.branch), "head_sha": .string(run.headSHA), "path": .string(".github/workflows/ci.yml"),
            "run_number": .int(run.runNumber), "run_attempt": .int(1 + run.reruns), "event": .string(run.event),
            "status": .string(run.status), "conclusion": run.conclusion.map { .string($0) } ?? .null,
            "workflow_id": .int(Int(repo.id)), "url": .string(base),
            "html_url": .string("\(web)/\(repo.fullName)/actions/runs/\(run.id)"), "pull_requests": .array([]),
            "created_at": Self.date(run.createdAt), "updated_at": Self.date(run.createdAt.addingTimeInterval(120)),
            "run_started_at": Self.date(run.createdAt), "jobs_url": .string(base + "/jobs"), "logs_url": .string(base + "/logs"),
            "check_suite_url": .string("\(api)/repos/\(repo.fullName)/check-suites/\(run.id)"),
            "artifacts_url": .string(base + "/artifacts"), "cancel_url": .string(base + "/cancel"),
            "rerun_url": .string(base + "/rerun"), "workflow_url": .string("\(api)/repos/\(repo.fullName)/actions/workflows/\(repo.id)"),
            "head_commit": .null, "repository": repository(repo), "head_repository": repository(repo),
            "display_title": .string("CI on \(run.branch)"),
        ])
    }

    func job(_ job: ServerJob, run: ServerRun, repo: ServerRepository) -> JSONValue {
        .object([
            "id": .int(Int(job.id)), "run_id": .int(Int(job.runID)),
            "run_url": .string("\(api)/repos/\(repo.fullName)/actions/runs/\(job.runID)"), "run_attempt": .int(1 + run.reruns),
            "node_id": .string("J_\(job.id)"), "head_sha": .string(run.headSHA),
            "url": .string("\(api)/repos/\(repo.fullName)/actions/jobs/\(job.id)"),
            "html_url": .string("\(web)/\(repo.fullName)/actions/runs/\(job.runID)/job/\(job.id)"),
            "status": .string(job.status), "conclusion": job.conclusion.map { .string($0) } ?? .null,
            "created_at": Self.date(job.startedAt), "started_at": Self.date(job.startedAt), "completed_at": Self.date(job.completedAt),
            "name": .string(job.name),
            "steps": .array([
                .object([
                    "name": .string("Run \(job.name)"), "status": .string("completed"),
                    "conclusion": job.conclusion.map { .string($0) } ?? .null, "number": .int(1),
                    "started_at": Self.date(job.startedAt), "completed_at": Self.date(job.completedAt),
                ])
            ]),
            "check_run_url": .string("\(api)/repos/\(repo.fullName)/check-runs/\(job.id)"),
            "labels": .array([.string("ubuntu-latest")]), "runner_id": .int(1), "runner_name": .string("runner-1"),
            "runner_group_id": .int(1), "runner_group_name": .string("Default"), "workflow_name": .string("CI"),
            "head_branch": .string(run.branch),
        ])
    }
}
