import Foundation
import GitHubKit
import InfinityJSON

extension ServerState {
    /// Answers the discovery query and aliased `repository(owner:name:)` batches; parses just
    /// enough of the document: the org login, `first`, `after`, aliases and `rateLimit`.
    mutating func graphQL(_ request: ServerRequest) -> RouteResult {
        guard let envelope = try? JSONDecoder().decode(JSONValue.self, from: request.body),
            let query = envelope["query"]?.stringValue
        else {
            return .json(400, .object(["message": .string("Problems parsing JSON"), "documentation_url": .string("https://docs.github.com/graphql")]))
        }
        let variables = envelope["variables"] ?? .object([:])
        func argument(_ name: String) -> JSONValue? {
            // `name: $var` or `name: literal`
            guard let range = query.range(of: #"\b\#(name)\s*:\s*(\$\w+|"[^"]*"|\d+)"#, options: .regularExpression) else { return nil }
            let token = query[range].split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
            if token.hasPrefix("$") { return variables[String(token.dropFirst())] }
            if token.hasPrefix("\"") { return .string(String(token.dropFirst().dropLast())) }
            return Int(token).map { .int($0) }
        }
        if graphQLRemaining() <= 0 {
            var limited = RouteResult.json(200, .object([
                "errors": .array([.object(["type": .string("RATE_LIMITED"), "message": .string("API rate limit exceeded for user ID 1.")])]),
            ]))
            limited.cost = 0
            return limited
        }
        for kind in ["organization", "user"] where query.contains("\(kind)(login:") && query.contains("repositories(") {
            return discoveryPage(query: query, kind: kind, login: argument("login")?.stringValue, first: argument("first")?.intValue,
                                 after: argument("after")?.stringValue)
        }
        if let health = graphQLHealth(query: query, variables: variables) { return health }  // Routes+GraphQLHealth.swift
        let aliased = aliasedRepositories(in: query, variables: variables)
        if !aliased.isEmpty {
            guard aliased.count <= 100 else {
                return .json(200, .object(["errors": .array([.object(["type": .string("MAX_NODE_LIMIT_EXCEEDED"), "message": .string("Too many repositories requested")])])]))
            }
            var data: [String: JSONValue] = [:]
            var errors: [JSONValue] = []
            for field in aliased {
                if let repo = field.repository {
                    data[field.alias] = .object(["nameWithOwner": .string(repo.fullName), "defaultBranchRef": branchRef(repo)])
                } else {
                    data[field.alias] = .null
                    errors.append(field.notFound)
                }
            }
            return graphQLAnswer(data: data, errors: errors, cost: 1, query: query)
        }
        return .json(200, .object(["errors": .array([.object(["message": .string("The test server does not support this query")])])]))
    }

    mutating func graphQLRemaining() -> Int { remaining("graphql") }

    /// One `alias: repository(owner: $o, name: $n)` field of a query and the repository it names.
    struct AliasedRepository {
        var alias: String
        var owner: String
        var name: String
        /// Nil when the server does not know it (or it was deleted).
        var repository: ServerRepository?

        /// GitHub's NOT_FOUND error for this field.
        var notFound: JSONValue {
            .object([
                "type": .string("NOT_FOUND"), "path": .array([.string(alias)]),
                "message": .string("Could not resolve to a Repository with the name '\(owner)/\(name)'."),
                "locations": .array([]),
            ])
        }
    }

    /// The aliased `repository(owner:name:)` fields of `query`, in order, resolved from `variables`.
    func aliasedRepositories(in query: String, variables: JSONValue) -> [AliasedRepository] {
        let pattern = #"(\w+)\s*:\s*repository\(\s*owner:\s*\$(\w+)\s*,\s*name:\s*\$(\w+)\s*\)"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: query, range: NSRange(query.startIndex..., in: query)).map { match in
            func group(_ index: Int) -> String {
                Range(match.range(at: index), in: query).map { String(query[$0]) } ?? ""
            }
            let owner = variables[group(2)]?.stringValue ?? ""
            let name = variables[group(3)]?.stringValue ?? ""
            let key = "\(owner)/\(name)".lowercased()
            let repository = deleted.contains(key) ? nil : repositories[key]
            return AliasedRepository(alias: group(1), owner: owner, name: name, repository: repository)
        }
    }

    /// One page of `organization(login:)` or `user(login:)` `{ repositories(...) }`.
    mutating func discoveryPage(query: String, kind: String, login: String?, first: Int?, after: String?) -> RouteResult {
        guard let first, (1...100).contains(first) else {
            return .json(200, .object(["errors": .array([.object([
                "type": .string("ARGUMENT_LIMIT"),
                "message": .string("Requesting \(first ?? 0) records on the `repositories` connection exceeds the `first` limit of 100 records."),
            ])])]))
        }
        let known = kind == "organization" ? configuration.organization : configuration.userLogin
        guard let login, login.lowercased() == known.lowercased() else {
            return graphQLAnswer(
                data: [kind: .null],
                errors: [.object([
                    "type": .string("NOT_FOUND"), "path": .array([.string(kind)]),
                    "message": .string("Could not resolve to \(kind == "organization" ? "an Organization" : "a User") with the login of '\(login ?? "")'."),
                ])], cost: 1, query: query)
        }
        let owned = repositories.values.filter { $0.owner.lowercased() == login.lowercased() }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
        var start = 0
        if let after {
            guard let decoded = Data(base64Encoded: after).flatMap({ String(data: $0, encoding: .utf8) }),
                decoded.hasPrefix("cursor:v2:"), let offset = Int(decoded.dropFirst("cursor:v2:".count))
            else {
                return .json(200, .object(["errors": .array([.object(["type": .string("INVALID_CURSOR_ARGUMENTS"), "message": .string("`\(after)` does not appear to be a valid cursor.")])])]))
            }
            start = min(owned.count, offset)
        }
        let slice = owned[start..<min(owned.count, start + first)]
        let end = start + slice.count
        let cursor = Data("cursor:v2:\(end)".utf8).base64EncodedString()
        let files = Self.requestedRootFiles(in: query)
        let nodes: [JSONValue] = slice.map { repo in
            var node: [String: JSONValue] = [
                "name": .string(repo.name), "nameWithOwner": .string(repo.fullName), "isArchived": .bool(repo.archived),
                "isFork": .bool(repo.fork), "visibility": .string(repo.visibility.uppercased()),
                "pushedAt": ServerJSON.date(repo.pushedAt), "url": .string("\(json.web)/\(repo.fullName)"),
                "repositoryTopics": .object(["nodes": .array(repo.topics.map { .object(["topic": .object(["name": .string($0)])]) })]),
                "defaultBranchRef": branchRef(repo),
                "languages": .object(["edges": .array(repo.languages.prefix(10).map {
                    .object(["size": .int($0.bytes), "node": .object(["name": .string($0.name)])])
                })]),
                "object": repo.headSHA == nil ? .null : .object(["entries": .array(repo.rootEntries.map {
                    .object(["name": .string($0.name), "type": .string($0.type), "oid": .string($0.oid)])
                })]),
            ]
            for (alias, path) in files { node[alias] = Self.blobObject(repo.headBlob(path)) }
            return .object(node)
        }
        let data: [String: JSONValue] = [
            kind: .object([
                "repositories": .object([
                    "totalCount": .int(owned.count),
                    "pageInfo": .object(["hasNextPage": .bool(end < owned.count), "endCursor": slice.isEmpty ? .null : .string(cursor)]),
                    "nodes": .array(nodes),
                ])
            ])
        ]
        // GitHub's estimate: one request for the connection plus one per nested connection per node.
        let cost = max(1, Int((Double(1 + 2 * first) / 100).rounded()))
        return graphQLAnswer(data: data, errors: [], cost: cost, query: query)
    }

    /// `alias: object(expression: "HEAD:path")` fields of a query: alias → path.
    static func requestedRootFiles(in query: String) -> [(alias: String, path: String)] {
        let pattern = #"(\w+)\s*:\s*object\(\s*expression:\s*"HEAD:((?:[^"\\]|\\.)+)"\s*\)"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: query, range: NSRange(query.startIndex..., in: query)).compactMap { match in
            guard let alias = Range(match.range(at: 1), in: query), let path = Range(match.range(at: 2), in: query) else { return nil }
            let unescaped = String(query[path]).replacingOccurrences(of: #"\""#, with: "\"")
                .replacingOccurrences(of: #"\\"#, with: "\\")
            return (String(query[alias]), unescaped)
        }
    }

    /// `... on Blob { text byteSize isBinary isTruncated }` for a file, `null` when absent. Like
    /// GitHub, `text` is null for binary content (here: bytes that are not UTF-8 or hold NUL).
    static func blobObject(_ data: Data?) -> JSONValue {
        guard let data else { return .null }
        let text = String(data: data, encoding: .utf8).flatMap { $0.contains("\u{0}") ? nil : $0 }
        return .object([
            "text": text.map { .string($0) } ?? .null, "byteSize": .int(data.count),
            "isBinary": .bool(text == nil), "isTruncated": .bool(false),
        ])
    }

    func branchRef(_ repo: ServerRepository) -> JSONValue {
        guard let head = repo.headSHA, let commit = repo.commits[head] else { return .null }
        return .object([
            "name": .string(repo.defaultBranch),
            "target": .object([
                "oid": .string(head), "committedDate": ServerJSON.date(commit.date),
                "statusCheckRollup": repo.ciState.map { .object(["state": .string($0)]) } ?? .null,
            ]),
        ])
    }

    mutating func graphQLAnswer(data: [String: JSONValue], errors: [JSONValue], cost: Int, query: String) -> RouteResult {
        var data = data
        if query.contains("rateLimit") {
            let current = window("graphql")
            data["rateLimit"] = .object([
                "cost": .int(cost), "remaining": .int(max(0, current.remaining - cost)),
                "resetAt": ServerJSON.date(current.reset), "limit": .int(configuration.rateLimits["graphql"] ?? 5000),
            ])
        }
        var body: [String: JSONValue] = ["data": .object(data)]
        if !errors.isEmpty { body["errors"] = .array(errors) }
        var result = RouteResult.json(200, .object(body))
        result.cost = cost
        return result
    }
}
