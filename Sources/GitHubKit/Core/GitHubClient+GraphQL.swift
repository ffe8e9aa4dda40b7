import Foundation
import InfinityJSON

/// GraphQL's `rateLimit { cost remaining resetAt }` (plus `limit` when asked for).
public struct GraphQLRateLimit: Sendable, Hashable, Codable {
    /// Points this query cost.
    public var cost: Int
    /// Points left in the window.
    public var remaining: Int
    /// When the window resets.
    public var resetAt: Date
    /// Points per window, when queried.
    public var limit: Int?
}

/// A GraphQL answer: `data` (possibly partial), `errors[]`, and the `rateLimit` field if queried.
public struct GraphQLResponse<T: Decodable & Sendable>: Sendable {
    /// The decoded `data`, `nil` when GitHub returned none.
    public var data: T?
    /// `errors[]`, empty on full success.
    public var errors: [GraphQLErrorDetail]
    /// The `rateLimit` field, when the query asked for it.
    public var rateLimit: GraphQLRateLimit?
}

extension GitHubClient {
    /// Runs a GraphQL query and decodes `data` as `T`; any `errors[]` entry throws.
    ///
    /// `RATE_LIMITED` answers wait for the reset (within the call's waiting budget) and retry.
    /// - Throws: ``GitHubError/Code/graphQL`` carrying `errors[]`, or a transport/decoding error.
    public func graphql<T: Decodable & Sendable>(query: String, variables: [String: JSONValue] = [:]) async throws -> T {
        let response: GraphQLResponse<T> = try await graphQLResponse(query: query, variables: variables)
        let operation = Self.graphQLOperation(query)
        if !response.errors.isEmpty {
            throw GitHubError(
                code: .graphQL,
                message: "the GraphQL query failed: \(response.errors[0].message.prefix(300)); fix the query or its "
                    + "variables, or check the token's access", endpoint: operation, graphQLErrors: response.errors)
        }
        guard let data = response.data else {
            throw GitHubError(code: .decoding, message: "the GraphQL answer had neither data nor errors", endpoint: operation)
        }
        return data
    }

    /// Runs a GraphQL query and returns partial data together with `errors[]` (for batched lookups
    /// where some aliases may be `NOT_FOUND`).
    public func graphQLResponse<T: Decodable & Sendable>(
        query: String, variables: [String: JSONValue] = [:], repository: String? = nil
    ) async throws -> GraphQLResponse<T> {
        try await graphQLResponse(
            query: query, variables: variables, repository: repository, budget: WaitBudget(configuration.maxTotalWait))
    }

    func graphQLResponse<T: Decodable & Sendable>(
        query: String, variables: [String: JSONValue], repository: String?, budget: WaitBudget
    ) async throws -> GraphQLResponse<T> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let operation = Self.graphQLOperation(query)
        let body: Data
        do {
            body = try encoder.encode(GraphQLRequestBody(query: query, variables: variables))
        } catch {
            throw GitHubError(code: .configuration, message: "could not encode the GraphQL variables", endpoint: operation)
        }
        var request = GitHubRequest(.post, "/graphql", body: body, operation: operation, repository: repository)
        request.absoluteURL = configuration.graphQLURL
        request.isGraphQL = true
        request.isWrite = query.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("mutation")
        request.resource = "graphql"
        let response = try await send(request, budget: budget)
        let envelope = try Self.decode(
            GraphQLEnvelope<T>.self, from: response.body, operation: operation, repository: repository, snakeCase: false)
        var rateLimit: GraphQLRateLimit?
        if response.body.range(of: Data("\"rateLimit\"".utf8)) != nil {
            rateLimit = (try? Self.decode(
                GraphQLRateLimitCarrier.self, from: response.body, operation: operation, repository: repository,
                snakeCase: false))?.data?.rateLimit
        }
        if let rateLimit {
            await pipeline.tracker.updateGraphQL(
                remaining: rateLimit.remaining, resetAt: rateLimit.resetAt, limit: rateLimit.limit)
        }
        pipeline.stats.update { $0.graphQLQuotaPoints += rateLimit?.cost ?? 1 }
        let errors = (envelope.errors ?? []).map {
            GraphQLErrorDetail(message: $0.message ?? "(no message)", type: $0.type, path: $0.path)
        }
        let scrubber = pipeline.secrets.scrubber
        return GraphQLResponse(
            data: envelope.data,
            errors: errors.map { GraphQLErrorDetail(message: scrubber.scrub($0.message), type: $0.type, path: $0.path) },
            rateLimit: rateLimit)
    }

    /// `POST /graphql (Name)` for messages, using the operation name when the query has one.
    static func graphQLOperation(_ query: String) -> String {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        for keyword in ["query ", "mutation "] where trimmed.hasPrefix(keyword) {
            let rest = trimmed.dropFirst(keyword.count)
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { return "POST /graphql (\(name))" }
        }
        return "POST /graphql"
    }
}

struct GraphQLRequestBody: Encodable {
    var query: String
    var variables: [String: JSONValue]
}

struct GraphQLLooseError: Decodable {
    var message: String?
    var type: String?
    var path: [JSONValue]?
}

struct GraphQLEnvelope<T: Decodable>: Decodable {
    var data: T?
    var errors: [GraphQLLooseError]?
}

struct GraphQLRateLimitCarrier: Decodable {
    struct Inner: Decodable { var rateLimit: GraphQLRateLimit? }
    var data: Inner?
}
