import Foundation
import GitHubKit
import InfinityJSON

/// Builds response bodies in the shapes of GitHub's OpenAPI description.
struct ServerJSON {
    /// `http://127.0.0.1:PORT/api/v3`.
    var api: String
    /// `http://127.0.0.1:PORT` (stands in for github.com web pages).
    var web: String

    static func date(_ date: Date?) -> JSONValue { date.map { .string(GitHubDate.format($0)) } ?? .null }

    static func encode(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static func error(_ message: String, documentation: String = "https://docs.github.com/rest") -> JSONValue {
        .object(["message": .string(message), "documentation_url": .string(documentation)])
    }

    func user(_ login: String, id: Int64, type: String = "User") -> JSONValue {
        let base = "\(api)/users/\(login)"
        return .object([
            "login": .string(login), "id": .int(Int(id)), "node_id": .string("MDQ6VXNlcj\(id)"),
            "avatar_url": .string("\(web)/avatars/\(login)"), "gravatar_id": .string(""), "url": .string(base),
            "html_url": .string("\(web)/\(login)"), "followers_url": .string("\(base)/followers"),
            "following_url": .string("\(base)/following{/other_user}"), "gists_url": .string("\(base)/gists{/gist_id}"),
            "starred_url": .string("\(base)/starred{/owner}{/repo}"), "subscriptions_url": .string("\(base)/subscriptions"),
            "organizations_url": .string("\(base)/orgs"), "repos_url": .string("\(base)/repos"),
            "events_url": .string("\(base)/events{/privacy}"), "received_events_url": .string("\(base)/received_events"),
            "type": .string(type), "site_admin": .bool(false), "user_view_type": .string("public"),
        ])
    }

    func bot() -> JSONValue { user("infinity-bot", id: 9001, type: "Bot") }

    func repository(_ repo: ServerRepository) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)"
        var fields: [String: JSONValue] = [
            "id": .int(Int(repo.id)), "node_id": .string("R_kgDO\(repo.id)"), "name": .string(repo.name),
            "full_name": .string(repo.fullName),
            "owner": user(repo.owner, id: 1000 + Int64(repo.owner.count), type: repo.ownerType),
            "private": .bool(repo.isPrivate), "html_url": .string("\(web)/\(repo.fullName)"),
            "description": repo.description.map { .string($0) } ?? .null, "fork": .bool(repo.fork), "url": .string(base),
            "git_url": .string("git://127.0.0.1/\(repo.fullName).git"), "ssh_url": .string("git@127.0.0.1:\(repo.fullName).git"),
            "clone_url": .string("\(web)/\(repo.fullName).git"), "svn_url": .string("\(web)/\(repo.fullName)"),
            "mirror_url": .null, "homepage": .null, "language": repo.primaryLanguage.map { .string($0) } ?? .null,
            "forks_count": .int(0), "stargazers_count": .int(Int(repo.id % 50)), "watchers_count": .int(Int(repo.id % 50)),
            "size": .int(repo.languages.reduce(0) { $0 + $1.bytes } / 1024), "default_branch": .string(repo.defaultBranch),
            "open_issues_count": .int(repo.issues.values.filter { $0.state == "open" }.count),
            "is_template": .bool(false), "topics": .array(repo.topics.map { .string($0) }), "has_issues": .bool(true),
            "has_projects": .bool(false), "has_wiki": .bool(false), "has_pages": .bool(false), "has_downloads": .bool(true),
            "has_discussions": .bool(false), "archived": .bool(repo.archived), "disabled": .bool(false),
            "visibility": .string(repo.visibility), "pushed_at": Self.date(repo.pushedAt),
            "created_at": Self.date(repo.createdAt), "updated_at": Self.date(repo.updatedAt),
            "permissions": .object(["admin": .bool(true), "maintain": .bool(true), "push": .bool(true), "triage": .bool(true), "pull": .bool(true)]),
            "allow_forking": .bool(true), "web_commit_signoff_required": .bool(false), "subscribers_count": .int(1),
            "network_count": .int(0), "license": .null, "forks": .int(0),
            "open_issues": .int(repo.issues.values.filter { $0.state == "open" }.count), "watchers": .int(Int(repo.id % 50)),
            "delete_branch_on_merge": .bool(true),
        ]
        let templated: [String: String] = [
            "archive_url": "/{archive_format}{/ref}", "assignees_url": "/assignees{/user}", "blobs_url": "/git/blobs{/sha}",
            "branches_url": "/branches{/branch}", "collaborators_url": "/collaborators{/collaborator}",
            "comments_url": "/comments{/number}", "commits_url": "/commits{/sha}", "compare_url": "/compare/{base}...{head}",
            "contents_url": "/contents/{+path}", "contributors_url": "/contributors", "deployments_url": "/deployments",
            "downloads_url": "/downloads", "events_url": "/events", "forks_url": "/forks", "git_commits_url": "/git/commits{/sha}",
            "git_refs_url": "/git/refs{/sha}", "git_tags_url": "/git/tags{/sha}", "issue_comment_url": "/issues/comments{/number}",
            "issue_events_url": "/issues/events{/number}", "issues_url": "/issues{/number}", "keys_url": "/keys{/key_id}",
            "labels_url": "/labels{/name}", "languages_url": "/languages", "merges_url": "/merges",
            "milestones_url": "/milestones{/number}", "notifications_url": "/notifications{?since,all,participating}",
            "pulls_url": "/pulls{/number}", "releases_url": "/releases{/id}", "stargazers_url": "/stargazers",
            "statuses_url": "/statuses/{sha}", "subscribers_url": "/subscribers", "subscription_url": "/subscription",
            "tags_url": "/tags", "teams_url": "/teams", "trees_url": "/git/trees{/sha}", "hooks_url": "/hooks",
        ]
        for (key, suffix) in templated { fields[key] = .string(base + suffix) }
        return .object(fields)
    }

    func labels(_ names: [String], repo: ServerRepository) -> JSONValue {
        .array(names.map { name in
            .object([
                "id": .int(abs(name.hashValue % 1_000_000)), "node_id": .string("LA_\(name)"),
                "url": .string("\(api)/repos/\(repo.fullName)/labels/\(name)"), "name": .string(name),
                "description": .string("\(name) label"), "color": .string("ededed"), "default": .bool(false),
            ])
        })
    }

    func issue(_ issue: ServerIssue, repo: ServerRepository, asPull: ServerPull? = nil) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)/issues/\(issue.number)"
        var fields: [String: JSONValue] = [
            "id": .int(Int(issue.id)), "node_id": .string("I_kwDO\(issue.id)"), "url": .string(base),
            "repository_url": .string("\(api)/repos/\(repo.fullName)"), "labels_url": .string("\(base)/labels{/name}"),
            "comments_url": .string("\(base)/comments"), "events_url": .string("\(base)/events"),
            "html_url": .string("\(web)/\(repo.fullName)/issues/\(issue.number)"), "number": .int(issue.number),
            "state": .string(issue.state), "state_reason": issue.stateReason.map { .string($0) } ?? .null,
            "title": .string(issue.title), "body": issue.body.map { .string($0) } ?? .null, "user": bot(),
            "labels": labels(issue.labels, repo: repo), "assignee": .null, "assignees": .array([]), "milestone": .null,
            "locked": .bool(false), "active_lock_reason": .null, "comments": .int(issue.comments),
            "closed_at": Self.date(issue.closedAt), "created_at": Self.date(issue.createdAt),
            "updated_at": Self.date(issue.updatedAt), "author_association": .string("NONE"), "closed_by": .null,
        ]
        if asPull != nil {
            fields["pull_request"] = .object([
                "url": .string("\(api)/repos/\(repo.fullName)/pulls/\(issue.number)"),
                "html_url": .string("\(web)/\(repo.fullName)/pull/\(issue.number)"), "merged_at": .null,
                "diff_url": .string("\(web)/\(repo.fullName)/pull/\(issue.number).diff"),
                "patch_url": .string("\(web)/\(repo.fullName)/pull/\(issue.number).patch"),
            ])
        }
        return .object(fields)
    }

    func searchItem(_ issue: ServerIssue, repo: ServerRepository, asPull: ServerPull?) -> JSONValue {
        guard case .object(var fields) = self.issue(issue, repo: repo, asPull: asPull) else { return .null }
        fields["score"] = .double(1.0)
        if fields["body"] == .null { fields["body"] = nil }
        return .object(fields)
    }

    func comment(_ comment: ServerComment, number: Int, repo: ServerRepository) -> JSONValue {
        .object([
            "id": .int(Int(comment.id)), "node_id": .string("IC_\(comment.id)"),
            "url": .string("\(api)/repos/\(repo.fullName)/issues/comments/\(comment.id)"), "body": .string(comment.body),
            "html_url": .string("\(web)/\(repo.fullName)/issues/\(number)#issuecomment-\(comment.id)"),
            "issue_url": .string("\(api)/repos/\(repo.fullName)/issues/\(number)"), "user": bot(),
            "created_at": Self.date(comment.createdAt), "updated_at": Self.date(comment.createdAt),
            "author_association": .string("NONE"), "performed_via_github_app": .null,
        ])
    }
}
