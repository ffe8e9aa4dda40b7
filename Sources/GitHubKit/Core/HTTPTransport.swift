import Foundation

/// One HTTP exchange as the client hands it to the transport.
public struct TransportRequest: Sendable {
    /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
    public var method: String
    /// The absolute URL.
    public var url: URL
    /// Header fields, including `Authorization` when the target is the API origin.
    public var headers: GitHubHeaders
    /// The body, if any.
    public var body: Data?

    /// Creates a request.
    public init(method: String, url: URL, headers: GitHubHeaders, body: Data?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP answer as the transport returns it.
public struct TransportResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields.
    public var headers: GitHubHeaders
    /// The whole body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: GitHubHeaders, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why the transport could not produce an answer.
public enum TransportFailure: Error, Sendable, Equatable {
    /// No complete answer before the deadline.
    case timeout
    /// The connection failed or closed before a complete answer; the text is the cause.
    case connection(String)
    /// The body was larger than allowed.
    case bodyTooLarge(limit: Int)
}

/// Sends HTTP requests; the seam between the client and the network.
///
/// Implementations must not follow redirects: the client follows them itself, so that it can
/// drop the `Authorization` header when a redirect leaves the API origin.
public protocol GitHubHTTPTransport: Sendable {
    /// Performs one exchange within `timeout`, returning at most `maxBodyBytes` of body.
    func send(_ request: TransportRequest, timeout: Duration, maxBodyBytes: Int) async throws -> TransportResponse
    /// Releases connections; the transport is unusable afterwards.
    func shutdown() async throws
}
