import Foundation
import GitHubKit
import InfinityJSON

/// Which listener a request came in on.
enum ServerHost: String, Sendable {
    case api
    case logs
}

/// A parsed request.
struct ServerRequest: Sendable {
    var method: String
    var path: String
    var queryItems: [(name: String, value: String)]
    var rawQuery: String
    var headers: [(name: String, value: String)]
    var body: Data
    var host: ServerHost

    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    func query(_ name: String) -> String? { queryItems.last { $0.name == name }?.value }

    var bearerToken: String? {
        guard let value = header("authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return nil }
        return String(parts[1])
    }

    /// Parses `uri` into a path and query items (percent-decoded).
    static func split(uri: String) -> (path: String, raw: String, items: [(name: String, value: String)]) {
        let pieces = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(pieces[0])
        let raw = pieces.count > 1 ? String(pieces[1]) : ""
        let items: [(name: String, value: String)] = raw.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
        return (path, raw, items)
    }
}

/// A response to write.
struct ServerResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data
}

/// What the connection handler should do.
enum ServerAction: Sendable {
    case respond(ServerResponse)
    case hang(Duration)
}

/// The outcome of a route before rate-limit accounting and conditional handling.
struct RouteResult {
    var status: Int
    var body: Data
    var headers: [(name: String, value: String)] = []
    var cost = 1
    var conditional = false
    var lastModified: Date?

    static func json(_ status: Int, _ value: JSONValue, conditional: Bool = false, lastModified: Date? = nil) -> RouteResult {
        RouteResult(status: status, body: ServerJSON.encode(value), conditional: conditional, lastModified: lastModified)
    }

    static func error(_ status: Int, _ message: String, documentation: String = "https://docs.github.com/rest") -> RouteResult {
        json(status, ServerJSON.error(message, documentation: documentation))
    }

    static func validation(_ message: String, resource: String, field: String, code: String) -> RouteResult {
        json(422, .object([
            "message": .string(message), "documentation_url": .string("https://docs.github.com/rest"),
            "errors": .array([.object(["resource": .string(resource), "field": .string(field), "code": .string(code)])]),
        ]))
    }

    static let notFound = error(404, "Not Found")
}

/// One request as the server saw it (the `Authorization` value is never kept).
public struct GitHubTestRecordedRequest: Sendable {
    /// Arrival order, from 1.
    public var index: Int
    /// The method.
    public var method: String
    /// The path without the query.
    public var path: String
    /// The raw query string.
    public var query: String
    /// Header fields, names lower-cased, `authorization` removed.
    public var headers: [String: String]
    /// Whether an `Authorization` header was present.
    public var hadAuthorization: Bool
    /// `api` or `logs`.
    public var host: String
    /// Arrival on the server's (possibly virtual) clock.
    public var receivedAt: Date
    /// Arrival on the real wall clock.
    public var receivedAtWallClock: Date
    /// The status answered (0 for a hang).
    public var status = 0
    /// Quota points charged.
    public var quotaCharged = 0
    /// The rate-limit resource charged.
    public var resource: String?
}

/// One secondary rate-limit answer and the window it opened.
public struct GitHubTestSecondaryEvent: Sendable {
    /// The request that received it.
    public var requestIndex: Int
    /// When it was issued (server clock).
    public var issuedAt: Date
    /// When requests are welcome again (server clock).
    public var blockedUntil: Date
    /// When it was issued (wall clock).
    public var issuedAtWallClock: Date
}
