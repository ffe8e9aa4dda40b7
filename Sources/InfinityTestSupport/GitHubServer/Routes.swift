import Foundation
import GitHubKit
import InfinityJSON

extension ServerState {
    /// 401 answers for missing, unknown or expired tokens; `nil` when the request may proceed.
    mutating func authenticate(_ request: ServerRequest) -> RouteResult? {
        guard let token = request.bearerToken else {
            return configuration.requireAuthentication ? .error(401, "Requires authentication") : nil
        }
        if configuration.expiredTokens.contains(token) { return .error(401, "Bad credentials") }
        if configuration.validTokens.contains(token) { return nil }
        if let expiry = mintedTokens[token] { return expiry > now ? nil : .error(401, "Bad credentials") }
        return .error(401, "Bad credentials")
    }

    mutating func route(_ request: ServerRequest) -> RouteResult {
        if request.path == "/api/graphql" {
            guard request.method == "POST" else { return .notFound }
            return graphQL(request)
        }
        guard request.path.hasPrefix("/api/v3/") else { return .notFound }
        let segments = request.path.dropFirst("/api/v3/".count).split(separator: "/").map {
            String($0).removingPercentEncoding ?? String($0)
        }
        guard let head = segments.first else { return .notFound }
        switch (request.method, head, segments.count) {
        case ("GET", "rate_limit", 1):
            return rateLimitOverview()
        case ("POST", "app", 4) where segments[1] == "installations" && segments[3] == "access_tokens":
            return installationToken(request, installation: segments[2])
        case ("GET", "orgs", 2):
            let owned = repositories.values.filter { $0.owner.lowercased() == segments[1].lowercased() }
            guard segments[1].lowercased() == configuration.organization.lowercased() else { return .notFound }
            return .json(200, json.organization(configuration.organization, repos: Array(owned)), conditional: true)
        case ("GET", "orgs", 4) where segments[3] == "alerts":
            return organizationAlertsRoute(segments[1], kind: segments[2], request)
        case ("GET", "orgs", 3) where segments[2] == "repos":
            guard segments[1].lowercased() == configuration.organization.lowercased() else { return .notFound }
            return listRepositories(owner: segments[1], request)
        case ("GET", "users", 2):
            guard segments[1].lowercased() == configuration.userLogin.lowercased() else { return .notFound }
            let owned = repositories.values.filter { $0.owner.lowercased() == segments[1].lowercased() }
            return .json(200, json.user(configuration.userLogin, repos: Array(owned)), conditional: true)
        case ("GET", "users", 3) where segments[2] == "repos":
            return listRepositories(owner: segments[1], request)
        case ("GET", "user", 2) where segments[1] == "repos":
            return listRepositories(owner: configuration.organization, request)
        case ("GET", "search", 2) where segments[1] == "issues":
            return searchIssues(request)
        case (_, "repositories", _) where segments.count >= 2:
            guard let id = Int64(segments[1]), let key = idIndex[id], repositories[key] != nil else { return .notFound }
            return repositoryRoute(key, Array(segments.dropFirst(2)), request)
        case (_, "repos", _) where segments.count >= 3:
            let key = "\(segments[1])/\(segments[2])".lowercased()
            if deleted.contains(key) {
                return .error(404, "Not Found", documentation: "https://docs.github.com/rest/repos/repos#get-a-repository")
            }
            if let id = renamed[key] { return movedPermanently(id: id, rest: Array(segments.dropFirst(3)), request) }
            guard repositories[key] != nil else { return .notFound }
            return repositoryRoute(key, Array(segments.dropFirst(3)), request)
        default:
            return .notFound
        }
    }

    func movedPermanently(id: Int64, rest: [String], _ request: ServerRequest) -> RouteResult {
        var location = "\(json.api)/repositories/\(id)"
        if !rest.isEmpty { location += "/" + rest.map(GitHubPath.segment).joined(separator: "/") }
        if !request.rawQuery.isEmpty { location += "?" + request.rawQuery }
        var result = RouteResult.json(
            request.method == "GET" ? 301 : 307,
            .object([
                "message": .string("Moved Permanently"), "url": .string(location),
                "documentation_url": .string("https://docs.github.com/v3/#http-redirects"),
            ]))
        result.headers.append(("Location", location))
        return result
    }

    /// One page of `items` with GitHub's `Link` header; `wrap` builds an object page around the items.
    func page(_ items: [JSONValue], _ request: ServerRequest, wrap: ((JSONValue, Int) -> JSONValue)? = nil) -> RouteResult {
        let perPage = min(100, max(1, Int(request.query("per_page") ?? "") ?? 30))
        let current = max(1, Int(request.query("page") ?? "") ?? 1)
        let last = max(1, (items.count + perPage - 1) / perPage)
        let start = min(items.count, (current - 1) * perPage)
        let slice = Array(items[start..<min(items.count, start + perPage)])
        let body = wrap?(.array(slice), items.count) ?? .array(slice)
        var result = RouteResult.json(200, body, conditional: true)
        if last > 1 {
            func url(_ number: Int) -> String {
                var query = request.queryItems.filter { $0.name != "page" }
                query.append((name: "page", value: String(number)))
                return json.web + request.path + "?" + query.map { "\(GitHubPath.segment($0.name))=\(GitHubPath.segment($0.value))" }.joined(separator: "&")
            }
            var links: [String] = []
            if current > 1 { links.append("<\(url(current - 1))>; rel=\"prev\"") }
            if current < last { links.append("<\(url(current + 1))>; rel=\"next\"") }
            links.append("<\(url(last))>; rel=\"last\"")
            if current > 1 { links.append("<\(url(1))>; rel=\"first\"") }
            result.headers.append(("Link", links.joined(separator: ", ")))
        }
        return result
    }

    func listRepositories(owner: String, _ request: ServerRequest) -> RouteResult {
        var owned = repositories.values.filter { $0.owner.lowercased() == owner.lowercased() }
        let sort = request.query("sort") ?? "full_name"
        let ascending = (request.query("direction") ?? (sort == "full_name" ? "asc" : "desc")) == "asc"
        owned.sort { left, right in
            let ordered: Bool
            switch sort {
            case "pushed": ordered = left.pushedAt == right.pushedAt ? left.name < right.name : left.pushedAt < right.pushedAt
            case "updated": ordered = left.updatedAt == right.updatedAt ? left.name < right.name : left.updatedAt < right.updatedAt
            case "created": ordered = left.createdAt == right.createdAt ? left.name < right.name : left.createdAt < right.createdAt
            default: ordered = left.name.lowercased() < right.name.lowercased()
            }
            return ascending ? ordered : !ordered
        }
        return page(owned.map(json.repository), request)
    }

    func rateLimitOverview() -> RouteResult {
        var resources: [String: JSONValue] = [:]
        for (name, limit) in configuration.rateLimits {
            let current = budgets[name] ?? (limit, now.addingTimeInterval(configuration.rateLimitWindows[name] ?? 3600))
            resources[name] = .object([
                "limit": .int(limit), "remaining": .int(current.remaining), "used": .int(limit - current.remaining),
                "reset": .int(Int(current.reset.timeIntervalSince1970)), "resource": .string(name),
            ])
        }
        let core = resources["core"] ?? .object(["limit": 5000, "remaining": 5000, "used": 0, "reset": 0])
        return .json(200, .object(["resources": .object(resources), "rate": core]))
    }

    func serveLog(_ request: ServerRequest) -> ServerResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count == 4, parts[0] == "logs", let jobID = Int64(parts[3]),
            let repo = repositories["\(parts[1])/\(parts[2])".lowercased()], let job = repo.jobs[jobID],
            request.query("sig") == "signed-\(jobID)"
        else {
            return ServerResponse(status: 404, headers: [("Content-Type", "text/plain")], body: Data("not found".utf8))
        }
        return ServerResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(job.log.utf8))
    }

    mutating func searchIssues(_ request: ServerRequest) -> RouteResult {
        let query = request.query("q") ?? ""
        var repoFilter: String?
        var type: String?
        var state: String?
        var labels: [String] = []
        var words: [String] = []
        for token in Self.searchTokens(query) {
            let lowered = token.lowercased()
            if lowered.hasPrefix("repo:") { repoFilter = String(token.dropFirst(5)).lowercased() }
            else if lowered == "is:issue" || lowered == "type:issue" { type = "issue" }
            else if lowered == "is:pr" || lowered == "type:pr" { type = "pr" }
            else if lowered == "is:open" || lowered == "state:open" { state = "open" }
            else if lowered == "is:closed" || lowered == "state:closed" { state = "closed" }
            else if lowered.hasPrefix("label:") { labels.append(String(token.dropFirst(6))) }
            else if lowered.hasPrefix("org:") || lowered.hasPrefix("user:") || lowered.hasPrefix("in:") { continue }
            else { words.append(lowered) }
        }
        var items: [JSONValue] = []
        for key in repositories.keys.sorted() where repoFilter == nil || key == repoFilter {
            guard let repo = repositories[key] else { continue }
            for issue in repo.issues.values.sorted(by: { $0.number < $1.number }) {
                let pull = repo.pulls[issue.number]
                if type == "issue", pull != nil { continue }
                if type == "pr", pull == nil { continue }
                if let state, issue.state != state { continue }
                if !labels.allSatisfy({ issue.labels.contains($0) }) { continue }
                if !words.allSatisfy({ issue.title.lowercased().contains($0) }) { continue }
                items.append(json.searchItem(issue, repo: repo, asPull: pull))
            }
        }
        return page(items, request) { slice, total in
            .object(["total_count": .int(total), "incomplete_results": .bool(false), "items": slice, "search_type": .string("lexical")])
        }
    }

    /// Splits a search query on spaces, keeping `label:"two words"` together.
    static func searchTokens(_ query: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in query {
            if character == "\"" { quoted.toggle(); continue }
            if character == " ", !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
