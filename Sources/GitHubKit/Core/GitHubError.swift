import Foundation
import InfinityJSON

/// A failure talking to GitHub, with what happened, where, and what to do about it.
///
/// Carries the endpoint (`GET /repos/{owner}/{repo}`), the repository when known, the HTTP
/// status, GitHub's `errors[]` for validation failures and GraphQL `errors[]`. Never contains
/// a token: messages are scrubbed of every credential the client knows.
public struct GitHubError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// 401: the credentials were rejected (after one refresh for a GitHub App).
        case unauthorized
        /// 403 that is not a rate limit: the credentials lack a permission or scope.
        case forbidden
        /// 404: the resource does not exist or is not visible to the credentials.
        case notFound
        /// 410: the resource was removed or the feature is disabled.
        case gone
        /// 409: the repository is empty or the request conflicts with its state.
        case conflict
        /// 422: the request was rejected; see ``GitHubError/validationErrors``.
        case validationFailed
        /// 400 or another 4xx not listed here.
        case badRequest
        /// The primary rate limit was exhausted and reset lies beyond the waiting budget.
        case rateLimited
        /// Secondary rate limits kept answering after the allowed number of back-offs.
        case secondaryRateLimited
        /// The call would have waited longer in total than the configured budget allows.
        case waitBudgetExceeded
        /// 5xx answers persisted after the allowed retries.
        case serverError
        /// No answer within the request timeout, after the allowed retries.
        case timeout
        /// The connection failed (refused, reset, closed early) after the allowed retries.
        case transport
        /// The body was malformed, truncated or of an unexpected shape.
        case decoding
        /// GraphQL answered with `errors[]`.
        case graphQL
        /// A redirect was missing its target, looped, or was not allowed for the method.
        case redirect
        /// The configuration or credentials given to the client are unusable.
        case configuration
        /// The injected response cache failed.
        case cache
        /// The task was cancelled.
        case cancelled
    }

    /// One entry of a 422 `errors[]` array.
    public struct ValidationDetail: Sendable, Hashable, Codable {
        /// The resource, e.g. `Issue`, `Label`.
        public var resource: String?
        /// The field, e.g. `title`.
        public var field: String?
        /// `missing`, `missing_field`, `invalid`, `already_exists`, `unprocessable` or `custom`.
        public var code: String?
        /// A message, present for `custom`.
        public var message: String?

        /// Creates a detail.
        public init(resource: String? = nil, field: String? = nil, code: String? = nil, message: String? = nil) {
            self.resource = resource
            self.field = field
            self.code = code
            self.message = message
        }
    }

    /// The kind of failure.
    public var code: Code
    /// What happened and what to do, ready for a diagnostic.
    public var message: String
    /// The operation, e.g. `GET /repos/{owner}/{repo}`.
    public var endpoint: String?
    /// `owner/name` when the failure concerns one repository.
    public var repository: String?
    /// The HTTP status, when there was an answer.
    public var status: Int?
    /// GitHub's `errors[]` for a 422.
    public var validationErrors: [ValidationDetail]
    /// GraphQL `errors[]`.
    public var graphQLErrors: [GraphQLErrorDetail]
    /// GitHub's `documentation_url`.
    public var documentationURL: String?
    /// When the caller may try again (rate limits), if known.
    public var retryAfter: Date?
    /// A scrubbed description of the underlying cause.
    public var underlying: String?

    /// Creates an error.
    public init(
        code: Code, message: String, endpoint: String? = nil, repository: String? = nil, status: Int? = nil,
        validationErrors: [ValidationDetail] = [], graphQLErrors: [GraphQLErrorDetail] = [],
        documentationURL: String? = nil, retryAfter: Date? = nil, underlying: String? = nil
    ) {
        self.code = code
        self.message = message
        self.endpoint = endpoint
        self.repository = repository
        self.status = status
        self.validationErrors = validationErrors
        self.graphQLErrors = graphQLErrors
        self.documentationURL = documentationURL
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    /// One line: code, endpoint, repository, status, message, details.
    public var description: String {
        var parts = ["github.\(code.rawValue)"]
        if let endpoint { parts.append(endpoint) }
        if let repository { parts.append("repo \(repository)") }
        if let status { parts.append("HTTP \(status)") }
        var text = "[" + parts.joined(separator: " | ") + "] " + message
        if !validationErrors.isEmpty {
            let details = validationErrors.map { detail in
                [detail.resource, detail.field, detail.code, detail.message].compactMap { $0 }.joined(separator: ".")
            }
            text += " errors: " + details.joined(separator: "; ")
        }
        if !graphQLErrors.isEmpty {
            text += " graphql errors: " + graphQLErrors.map(\.summary).joined(separator: "; ")
        }
        if let underlying { text += " (cause: \(underlying))" }
        return text
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }

    /// Returns a copy with every known secret removed from the free-text fields.
    func scrubbed(by scrubber: SecretScrubber) -> GitHubError {
        var copy = self
        copy.message = scrubber.scrub(message)
        copy.underlying = underlying.map(scrubber.scrub)
        copy.validationErrors = validationErrors.map { detail in
            var detail = detail
            detail.message = detail.message.map(scrubber.scrub)
            return detail
        }
        copy.graphQLErrors = graphQLErrors.map { detail in
            var detail = detail
            detail.message = scrubber.scrub(detail.message)
            return detail
        }
        return copy
    }

    /// Returns a copy that names `repository` if it did not already.
    public func withRepository(_ repository: String?) -> GitHubError {
        var copy = self
        if copy.repository == nil { copy.repository = repository }
        return copy
    }
}

/// One entry of a GraphQL `errors[]` array.
public struct GraphQLErrorDetail: Sendable, Hashable, Codable {
    /// The message.
    public var message: String
    /// GitHub's error type, e.g. `NOT_FOUND`, `RATE_LIMITED`, `FORBIDDEN`.
    public var type: String?
    /// The response path, e.g. `["r12"]` for an aliased field.
    public var path: [JSONValue]?

    /// Creates a detail.
    public init(message: String, type: String? = nil, path: [JSONValue]? = nil) {
        self.message = message
        self.type = type
        self.path = path
    }

    /// `TYPE at path: message`.
    public var summary: String {
        let where_ = path.map { " at " + $0.map { $0.stringValue ?? String($0.intValue ?? 0) }.joined(separator: ".") } ?? ""
        return "\(type ?? "ERROR")\(where_): \(message)"
    }
}
