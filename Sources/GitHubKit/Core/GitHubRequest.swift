import Foundation

/// One REST or GraphQL call as the client's pipeline runs it.
public struct GitHubRequest: Sendable {
    /// HTTP methods GitHub's API uses.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case patch = "PATCH"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// The method.
    public var method: Method
    /// A path under the API root, e.g. `/repos/octo/hello/issues`; segments already encoded.
    public var path: String
    /// Query parameters, in order.
    public var query: [(name: String, value: String)]
    /// An absolute URL to use instead of `path`/`query` (a `Link` target, the GraphQL endpoint).
    public var absoluteURL: URL?
    /// The JSON body.
    public var body: Data?
    /// The `Accept` header.
    public var accept: String = "application/vnd.github+json"
    /// The operation for messages, e.g. `GET /repos/{owner}/{repo}`.
    public var operation: String
    /// `owner/name` when the call concerns one repository.
    public var repository: String?
    /// Whether this is a content-changing request: serialized and spaced by `writeSpacing`.
    public var isWrite: Bool
    /// Whether a timeout or dropped connection may be retried (false for non-idempotent creates).
    public var retryOnTimeout: Bool = true
    /// Whether to use the response cache for conditional requests.
    public var useCache: Bool
    /// The rate-limit resource this request is expected to count against.
    public var resource: String?
    /// Whether this is a GraphQL query (its body is inspected for `RATE_LIMITED`).
    public var isGraphQL = false
    /// JSON keys removed (at any depth) from a successful answer before it is cached or returned,
    /// e.g. `secret` of secret-scanning alerts: such values then never reach the response cache.
    /// An answer that is not JSON is refused unread (``GitHubError/Code/decoding``).
    public var redactedBodyKeys: Set<String> = []

    /// Creates a request; `isWrite` and `useCache` default from the method.
    public init(
        _ method: Method, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        operation: String? = nil, repository: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.operation = operation ?? "\(method.rawValue) \(path)"
        self.repository = repository
        self.isWrite = method != .get
        self.useCache = method == .get
    }
}

/// An answer after redirects, retries and cache handling.
public struct GitHubResponse: Sendable {
    /// The status (the stored status when served from cache).
    public var status: Int
    /// The headers (the stored `Link`/`Content-Type` when served from cache).
    public var headers: GitHubHeaders
    /// The body.
    public var body: Data
    /// The URL that produced it (after redirects).
    public var url: URL
    /// Whether it came from the cache after a `304 Not Modified`.
    public var fromCache: Bool

    /// The parsed `Link` header.
    public var link: LinkHeader? { headers["link"].map(LinkHeader.init) }
}

/// Percent-encoding for path segments and query values (RFC 3986 unreserved characters kept).
public enum GitHubPath {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Encodes one path segment (a `/` inside it is encoded too).
    public static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Encodes a multi-segment value such as a git ref (`heads/feature/x`), keeping `/`.
    public static func segments(_ text: String) -> String {
        text.split(separator: "/", omittingEmptySubsequences: false).map { segment(String($0)) }.joined(
            separator: "/")
    }

    /// `/repos/{owner}/{repo}` for an `owner/name` string.
    public static func repository(_ fullName: String) throws -> String {
        let parts = fullName.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw GitHubError(
                code: .configuration,
                message: "repository '\(fullName.prefix(200))' is not in owner/name form")
        }
        return "/repos/\(segment(String(parts[0])))/\(segment(String(parts[1])))"
    }

    /// Builds a query string from pairs.
    static func query(_ items: [(name: String, value: String)]) -> String {
        items.map { "\(segment($0.name))=\(segment($0.value))" }.joined(separator: "&")
    }
}
