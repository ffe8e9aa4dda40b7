import Foundation
import InfinitySystem
import NIOConcurrencyHelpers

/// git's smart HTTP protocol for tests: serves bare repositories through `git http-backend`
/// (run as a CGI program per request, through the async process seam) and requires GitHub's
/// clone credentials, `Authorization: Basic base64(x-access-token:<token>)`; anything else is
/// answered 401 with `WWW-Authenticate: Basic`. A token the `authorize` check accepts but that
/// a repository does not allow (see ``serve(_:bareRepository:tokens:)``) gets 403, a repository
/// that is not served 404 — as GitHub answers. Read-only: pushes get 403.
///
/// Used by ``GitSmartHTTPServer`` and by ``GitHubTestServer``'s web root
/// (``GitHubTestServer/publishGitRepository(_:bareRepository:tokens:)``). Every request is recorded.
public final class GitHTTPBackend: Sendable {
    /// One request as the backend saw it (the credentials are never kept).
    public struct RecordedRequest: Sendable, Hashable {
        public var method: String
        /// The path without the query.
        public var path: String
        public var query: String
        /// `owner/name` of the repository asked for.
        public var repository: String
        /// The status answered.
        public var status: Int
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var query: String
        var headers: [(name: String, value: String)]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    struct Response: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: Data

        static func text(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Data((text + "\n").utf8))
        }
    }

    private struct Served {
        var path: String
        var tokens: Set<String>?
    }

    private let repositories = NIOLockedValueBox<[String: Served]>([:])
    private let recorded = NIOLockedValueBox<[RecordedRequest]>([])
    private let authorize: @Sendable (String) -> Bool
    private let processes: ProcessRunner
    private let gitExecutable: String

    /// Creates a backend.
    /// - Parameters:
    ///   - authorize: whether a token is valid at all (unknown or expired tokens get 401).
    ///   - processes: runs `git http-backend` (real processes by default).
    public init(authorize: @escaping @Sendable (String) -> Bool, processes: ProcessRunner = .live, gitExecutable: String = "git") {
        self.authorize = authorize
        self.processes = processes
        self.gitExecutable = gitExecutable
    }

    /// Serves the bare repository at `bareRepository` as `/<fullName>` (and `/<fullName>.git`).
    /// - Parameter tokens: when set, only these tokens may read it (others valid get 403).
    public func serve(_ fullName: String, bareRepository: String, tokens: Set<String>? = nil) {
        repositories.withLockedValue { $0[fullName.lowercased()] = Served(path: bareRepository, tokens: tokens) }
    }

    /// Stops serving `fullName` (it answers 404 from now on, like a deleted repository).
    public func withdraw(_ fullName: String) {
        _ = repositories.withLockedValue { $0.removeValue(forKey: fullName.lowercased()) }
    }

    /// Every request so far, in arrival order.
    public var requests: [RecordedRequest] { recorded.withLockedValue { $0 } }

    /// Forgets the recorded requests.
    public func resetRecordings() { recorded.withLockedValue { $0 = [] } }

    /// The repository and the rest of the path when `path` is a smart-HTTP git path
    /// (`/owner/name[.git]/info/refs`, `…/git-upload-pack`, `…/git-receive-pack`).
    static func split(_ path: String) -> (fullName: String, suffix: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3 else { return nil }
        let suffix: String
        if parts.count == 4, parts[2] == "info", parts[3] == "refs" {
            suffix = "info/refs"
        } else if parts.count == 3, parts[2] == "git-upload-pack" || parts[2] == "git-receive-pack" {
            suffix = parts[2]
        } else {
            return nil
        }
        var name = parts[1]
        if name.hasSuffix(".git") { name.removeLast(4) }
        return ("\(parts[0])/\(name)", suffix)
    }

    /// Whether `path` is a git path this backend answers.
    func claims(_ path: String) -> Bool { Self.split(path) != nil }

    /// Answers one request.
    func respond(_ request: Request) async -> Response {
        guard let (fullName, suffix) = Self.split(request.path) else { return .text(404, "Not Found") }
        let response = await answer(request, fullName: fullName, suffix: suffix)
        recorded.withLockedValue {
            $0.append(RecordedRequest(method: request.method, path: request.path, query: request.query, repository: fullName,
                                      status: response.status))
        }
        return response
    }

    private func answer(_ request: Request, fullName: String, suffix: String) async -> Response {
        guard let token = Self.basicToken(request.header("authorization")), authorize(token) else {
            return .text(401, "Invalid username or token.", headers: [("WWW-Authenticate", "Basic realm=\"GitHub\"")])
        }
        guard let served = repositories.withLockedValue({ $0[fullName.lowercased()] }) else {
            return .text(404, "Repository not found.")
        }
        if let allowed = served.tokens, !allowed.contains(token) {
            return .text(403, "Permission to \(fullName).git denied.")
        }
        let service = request.query.split(separator: "&").first { $0.hasPrefix("service=") }.map { String($0.dropFirst(8)) }
        if suffix == "git-receive-pack" || service == "git-receive-pack" {
            return .text(403, "This test server is read-only.")
        }
        return await runCGI(request, repository: served.path, suffix: suffix)
    }

    /// The token of `Basic base64(x-access-token:<token>)`, nil for anything else.
    static func basicToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)) else { return nil }
        let text = String(decoding: decoded, as: UTF8.self)
        guard text.hasPrefix("x-access-token:") else { return nil }
        let token = String(text.dropFirst("x-access-token:".count))
        return token.isEmpty ? nil : token
    }

    /// Runs `git http-backend` with the CGI environment; the body goes in on standard input
    /// (from a temp file, redirected by `sh` — the paths are arguments, never shell text).
    private func runCGI(_ request: Request, repository: String, suffix: String) async -> Response {
        let bodyFile = Paths.join(NSTemporaryDirectory(), "git-http-\(UUID().uuidString).body")
        defer { try? FileManager.default.removeItem(atPath: bodyFile) }
        do { try request.body.write(to: URL(fileURLWithPath: bodyFile)) } catch {
            return .text(500, "cannot stage the request body: \(error)")
        }
        let gitPath: String
        do { gitPath = try ProcessRunner.resolveExecutable(gitExecutable) } catch { return .text(500, "\(error)") }
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "GIT_PROJECT_ROOT": Paths.dirname(repository),
            "PATH_INFO": "/" + Paths.basename(repository) + "/" + suffix,
            "REQUEST_METHOD": request.method,
            "QUERY_STRING": request.query,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REMOTE_USER": "x-access-token",
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            // As GitHub: any reachable commit may be fetched by id.
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "uploadpack.allowReachableSHA1InWant",
            "GIT_CONFIG_VALUE_0": "true",
        ]
        if let type = request.header("content-type") { env["CONTENT_TYPE"] = type }
        if !request.body.isEmpty { env["CONTENT_LENGTH"] = String(request.body.count) }
        if let encoding = request.header("content-encoding") { env["HTTP_CONTENT_ENCODING"] = encoding }
        if let proto = request.header("git-protocol") {
            env["HTTP_GIT_PROTOCOL"] = proto
            env["GIT_PROTOCOL"] = proto
        }
        let output: ProcessOutput
        do {
            output = try await processes.run("/bin/sh", ["-c", "exec \"$0\" http-backend < \"$1\"", gitPath, bodyFile], nil, env)
        } catch {
            return .text(500, "cannot run git http-backend: \(error)")
        }
        guard let response = Self.parseCGI(output.stdout) else {
            return .text(500, "git http-backend failed: \(output.stderrText.prefix(500))")
        }
        return response
    }

    /// A CGI answer: header lines (`Status:` sets the status), a blank line, the body.
    static func parseCGI(_ data: Data) -> Response? {
        let bytes = [UInt8](data)
        var end: Int?, skip = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 10 {
                if i + 1 < bytes.count, bytes[i + 1] == 10 { end = i; skip = 2; break }
                if i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 { end = i; skip = 3; break }
            }
            i += 1
        }
        guard let end else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var status = 200
        var headers: [(name: String, value: String)] = []
        for line in head.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" {
                status = Int(value.prefix(3)) ?? 500
            } else {
                headers.append((name, value))
            }
        }
        return Response(status: status, headers: headers, body: Data(bytes[(end + skip)...]))
    }
}
