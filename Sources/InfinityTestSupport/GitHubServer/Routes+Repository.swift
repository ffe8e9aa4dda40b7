import Foundation
import GitHubKit
import InfinityJSON

extension ServerState {
    mutating func repositoryRoute(_ key: String, _ rest: [String], _ request: ServerRequest) -> RouteResult {
        guard let repo = repositories[key] else { return .notFound }
        let method = request.method
        switch (method, rest.first ?? "", rest.count) {
        case ("GET", "", 0):
            return .json(200, json.repository(repo), conditional: true, lastModified: repo.updatedAt)
        case ("GET", "languages", 1):
            var languages: [String: JSONValue] = [:]
            for language in repo.languages { languages[language.name] = .int(language.bytes) }
            return .json(200, .object(languages), conditional: true)
        case ("GET", "commits", 3) where rest[2] == "status":
            guard let sha = resolveCommit(repo, rest[1]) else { return .error(404, "No commit found for SHA: \(rest[1])") }
            return .json(200, json.combinedStatus(repo, sha: sha), conditional: true)
        case ("GET", "commits", 3) where rest[2] == "check-runs":
            guard let sha = resolveCommit(repo, rest[1]) else { return .error(404, "No commit found for SHA: \(rest[1])") }
            let runs = repo.ciState == nil ? [] : [json.checkRun(repo, sha: sha, index: 0), json.checkRun(repo, sha: sha, index: 1)]
            return page(runs, request) { slice, total in .object(["total_count": .int(total), "check_runs": slice]) }
        case ("GET", "actions", 2) where rest[1] == "runs":
            let runs = repo.runs.filter { run in
                (request.query("branch").map { $0 == run.branch } ?? true)
                    && (request.query("status").map { $0 == run.status || $0 == run.conclusion } ?? true)
            }
            return page(runs.map { json.workflowRun($0, repo: repo) }, request) { slice, total in
                .object(["total_count": .int(total), "workflow_runs": slice])
            }
        case ("GET", "actions", 4) where rest[1] == "runs" && rest[3] == "jobs":
            guard let id = Int64(rest[2]), let run = repo.runs.first(where: { $0.id == id }) else { return .notFound }
            let jobs = run.jobIDs.compactMap { repo.jobs[$0] }.map { json.job($0, run: run, repo: repo) }
            return page(jobs, request) { slice, total in .object(["total_count": .int(total), "jobs": slice]) }
        case ("POST", "actions", 4) where rest[1] == "runs" && rest[3] == "rerun-failed-jobs":
            guard let id = Int64(rest[2]), let index = repo.runs.firstIndex(where: { $0.id == id }) else { return .notFound }
            repositories[key]?.runs[index].reruns += 1
            repositories[key]?.runs[index].status = "queued"
            repositories[key]?.runs[index].conclusion = nil
            return .json(201, .object([:]))
        case ("GET", "actions", 4) where rest[1] == "jobs" && rest[3] == "logs":
            guard let id = Int64(rest[2]), repo.jobs[id] != nil else { return .notFound }
            var result = RouteResult(status: 302, body: Data())
            result.headers.append(("Location", "\(logBase)/logs/\(repo.owner)/\(repo.name)/\(id)?sig=signed-\(id)"))
            return result
        case (_, "issues", _):
            return issuesRoute(key, Array(rest.dropFirst()), request)
        case (_, "pulls", 1):
            return pullsRoute(key, request)
        case (_, "git", _):
            return gitRoute(key, Array(rest.dropFirst()), request)
        case ("POST", "code-scanning", 2) where rest[1] == "sarifs":
            return uploadSARIF(key, request)
        case ("GET", "code-scanning", 2), ("GET", "secret-scanning", 2), ("GET", "dependabot", 2):
            guard rest[1] == "alerts", let kind = ServerAlertKind(rawValue: rest[0]) else { return .notFound }
            return repositoryAlertsRoute(repo, kind: kind, request)
        case ("GET", "branches", 3) where rest[2] == "protection":
            guard rest[1] == repo.defaultBranch || repo.refs["refs/heads/\(rest[1])"] != nil else {
                return .error(404, "Branch not found")
            }
            if repo.viewerAccess == .write || repo.viewerAccess == .withoutAdministration {
                return .error(403, repo.viewerAccess == .write ? "Must have admin rights to Repository." : "Resource not accessible by integration",
                              documentation: "https://docs.github.com/rest/branches/branch-protection#get-branch-protection")
            }
            guard repo.protected, rest[1] == repo.defaultBranch else {
                return .error(404, "Branch not protected", documentation: "https://docs.github.com/rest/branches/branch-protection#get-branch-protection")
            }
            return .json(200, json.protection(repo), conditional: true)
        default:
            return .notFound
        }
    }

    func resolveCommit(_ repo: ServerRepository, _ ref: String) -> String? {
        if repo.commits[ref] != nil { return ref }
        return repo.refs["refs/heads/\(ref)"] ?? repo.refs[ref]
    }

    mutating func issuesRoute(_ key: String, _ rest: [String], _ request: ServerRequest) -> RouteResult {
        guard let repo = repositories[key] else { return .notFound }
        let body = (try? JSONDecoder().decode(JSONValue.self, from: request.body)) ?? .null
        switch (request.method, rest.count) {
        case ("GET", 0):
            let wanted = (request.query("labels") ?? "").split(separator: ",").map(String.init)
            let state = request.query("state") ?? "open"
            let items = repo.issues.values.sorted { $0.number > $1.number }.filter { issue in
                (state == "all" || issue.state == state) && wanted.allSatisfy { issue.labels.contains($0) }
            }.map { json.issue($0, repo: repo, asPull: repo.pulls[$0.number]) }
            return page(items, request)
        case ("POST", 0):
            guard let title = body["title"]?.stringValue, !title.isEmpty else {
                return .validation("Validation Failed", resource: "Issue", field: "title", code: "missing_field")
            }
            let number = repo.nextNumber
            let issue = ServerIssue(
                id: nextIdentifier(), number: number, title: title, body: body["body"]?.stringValue, state: "open",
                stateReason: nil, labels: Self.strings(body["labels"]), author: "infinity-bot", createdAt: now,
                updatedAt: now, closedAt: nil, comments: 0)
            repositories[key]?.issues[number] = issue
            repositories[key]?.nextNumber += 1
            var result = RouteResult.json(201, json.issue(issue, repo: repo))
            result.headers.append(("Location", "\(json.api)/repos/\(repo.fullName)/issues/\(number)"))
            return result
        case ("GET", 1), ("PATCH", 1):
            guard let number = Int(rest[0]), var issue = repo.issues[number] else { return .notFound }
            if request.method == "PATCH" {
                if let title = body["title"]?.stringValue { issue.title = title }
                if let text = body["body"]?.stringValue { issue.body = text }
                if case .array = body["labels"] { issue.labels = Self.strings(body["labels"]) }
                if let state = body["state"]?.stringValue {
                    guard state == "open" || state == "closed" else {
                        return .validation("Validation Failed", resource: "Issue", field: "state", code: "invalid")
                    }
                    issue.state = state
                    issue.closedAt = state == "closed" ? now : nil
                    issue.stateReason = state == "closed" ? (body["state_reason"]?.stringValue ?? "completed") : "reopened"
                }
                issue.updatedAt = now
                repositories[key]?.issues[number] = issue
            }
            return .json(200, json.issue(issue, repo: repo, asPull: repo.pulls[number]), conditional: request.method == "GET")
        case ("POST", 2) where rest[1] == "comments":
            guard let number = Int(rest[0]), repo.issues[number] != nil else { return .notFound }
            guard let text = body["body"]?.stringValue, !text.isEmpty else {
                return .validation("Validation Failed", resource: "IssueComment", field: "body", code: "missing_field")
            }
            let comment = ServerComment(id: nextIdentifier(), body: text, createdAt: now)
            repositories[key]?.comments[number, default: []].append(comment)
            repositories[key]?.issues[number]?.comments += 1
            let stamp = now
            repositories[key]?.issues[number]?.updatedAt = stamp
            return .json(201, json.comment(comment, number: number, repo: repo))
        case ("GET", 2) where rest[1] == "comments":
            guard let number = Int(rest[0]) else { return .notFound }
            return page((repo.comments[number] ?? []).map { json.comment($0, number: number, repo: repo) }, request)
        default:
            return .notFound
        }
    }

    mutating func pullsRoute(_ key: String, _ request: ServerRequest) -> RouteResult {
        guard let repo = repositories[key] else { return .notFound }
        if request.method == "GET" {
            let state = request.query("state") ?? "open"
            let head = request.query("head")
            let items = repo.pulls.values.sorted { $0.number > $1.number }.filter { pull in
                (state == "all" || pull.state == state) && (head.map { $0 == "\(repo.owner):\(pull.headRef)" || $0 == pull.headRef } ?? true)
            }.map { json.pull($0, repo: repo) }
            return page(items, request)
        }
        guard request.method == "POST" else { return .notFound }
        let body = (try? JSONDecoder().decode(JSONValue.self, from: request.body)) ?? .null
        guard let title = body["title"]?.stringValue, var head = body["head"]?.stringValue, let base = body["base"]?.stringValue
        else { return .validation("Validation Failed", resource: "PullRequest", field: "title", code: "missing_field") }
        if let colon = head.firstIndex(of: ":") { head = String(head[head.index(after: colon)...]) }
        guard let headSHA = repo.refs["refs/heads/\(head)"] else {
            return .validation("Validation Failed", resource: "PullRequest", field: "head", code: "invalid")
        }
        guard let baseSHA = repo.refs["refs/heads/\(base)"] else {
            return .validation("Validation Failed", resource: "PullRequest", field: "base", code: "invalid")
        }
        if repo.pulls.values.contains(where: { $0.state == "open" && $0.headRef == head && $0.baseRef == base }) {
            return .json(422, .object([
                "message": .string("Validation Failed"), "documentation_url": .string("https://docs.github.com/rest/pulls/pulls#create-a-pull-request"),
                "errors": .array([.object([
                    "resource": .string("PullRequest"), "code": .string("custom"),
                    "message": .string("A pull request already exists for \(repo.owner):\(head)."),
                ])]),
            ]))
        }
        let number = repo.nextNumber
        let pull = ServerPull(
            id: nextIdentifier(), number: number, title: title, body: body["body"]?.stringValue, state: "open", headRef: head,
            headSHA: headSHA, baseRef: base, baseSHA: baseSHA, draft: body["draft"] == .bool(true), createdAt: now, updatedAt: now)
        repositories[key]?.pulls[number] = pull
        let stamp = now
        repositories[key]?.issues[number] = ServerIssue(
            id: pull.id, number: number, title: title, body: pull.body, state: "open", stateReason: nil, labels: [],
            author: "infinity-bot", createdAt: stamp, updatedAt: stamp, closedAt: nil, comments: 0)
        repositories[key]?.nextNumber += 1
        var result = RouteResult.json(201, json.pull(pull, repo: repo))
        result.headers.append(("Location", "\(json.api)/repos/\(repo.fullName)/pulls/\(number)"))
        return result
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { $0.stringValue ?? $0["name"]?.stringValue }
    }
}
