import Foundation

extension GitHubClient {
    /// Fetches every page of a list endpoint whose pages are JSON arrays, following `Link: rel="next"`.
    ///
    /// Adds `per_page` (``GitHubConfiguration/perPage``) unless the request sets it. Stops after
    /// ``GitHubConfiguration/maxPages`` pages; never follows a link to another origin.
    public func paginate<Item: Decodable>(_ request: GitHubRequest, as item: Item.Type) async throws -> [Item] {
        try await paginate(request, page: [Item].self) { $0 }
    }

    /// Fetches every page of a list endpoint whose items sit inside an object
    /// (`{"total_count": …, "workflow_runs": […]}`), using `items` to take them out.
    public func paginate<Page: Decodable, Item>(
        _ request: GitHubRequest, page: Page.Type, items: (Page) -> [Item]
    ) async throws -> [Item] {
        var collected: [Item] = []
        try await forEachPage(request, page: page) { decoded in
            collected.append(contentsOf: items(decoded))
            return true
        }
        return collected
    }

    /// Visits pages in order until `body` returns `false` or the last page is reached.
    public func forEachPage<Page: Decodable>(
        _ request: GitHubRequest, page: Page.Type, body: (Page) async throws -> Bool
    ) async throws {
        var first = request
        if !first.query.contains(where: { $0.name == "per_page" }) {
            first.query.append((name: "per_page", value: String(configuration.perPage)))
        }
        let budget = WaitBudget(configuration.maxTotalWait)
        var next: GitHubRequest? = first
        var pages = 0
        while let current = next {
            pages += 1
            guard pages <= configuration.maxPages else {
                throw GitHubError(
                    code: .badRequest,
                    message: "stopped after \(configuration.maxPages) pages; narrow the query or raise maxPages",
                    endpoint: request.operation, repository: request.repository)
            }
            let response = try await send(current, budget: budget)
            let decoded = try decode(Page.self, from: response.body, request: current)
            guard try await body(decoded) else { return }
            next = nil
            if let target = response.link?.next, let url = URL(string: target, relativeTo: response.url)?.absoluteURL {
                guard RequestPipeline.origin(of: url) == RequestPipeline.origin(of: configuration.apiURL) else {
                    throw GitHubError(
                        code: .redirect,
                        message: "refusing to follow a pagination link to another host (\(url.host ?? "?"))",
                        endpoint: request.operation, repository: request.repository)
                }
                var following = request
                following.absoluteURL = url
                next = following
            }
        }
    }
}
