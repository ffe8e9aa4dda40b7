import Foundation
@testable import GitHubKit
import InfinityJSON
import InfinityTestSupport
import Logging
import Testing

/// A transport for checks that must not touch the network: every call fails loudly.
struct NoNetworkTransport: GitHubHTTPTransport {
    func send(_ request: TransportRequest, timeout: Duration, maxBodyBytes: Int) async throws -> TransportResponse {
        throw TransportFailure.connection("this test does not use the network")
    }
    func shutdown() async throws {}
}

/// The pipeline's error-body parser, reachable without a server.
struct RequestPipelineProbe {
    let pipeline = RequestPipeline(
        configuration: GitHubConfiguration(), transport: NoNetworkTransport(), clock: SystemGitHubClock(),
        jitter: .seeded(1), cache: nil, logger: Logger(label: "probe") { _ in SwiftLogNoOpLogHandler() })

    func failure(_ code: GitHubError.Code, _ response: TransportResponse, request: GitHubRequest) -> GitHubError {
        pipeline.failure(code, response, request: request)
    }
}

extension Harness {
    /// Runs `body` with a pipeline that has no usable transport (for pure parsing checks).
    static func withoutNetwork(_ body: (RequestPipelineProbe) throws -> Void) throws {
        try body(RequestPipelineProbe())
    }
}

/// Decodes `value` the way the client decodes REST bodies.
private func decodeLikeTheClient<T: Decodable>(_ type: T.Type, _ value: JSONValue, operation: String) throws -> T {
    let encoder = JSONEncoder()
    let data = try encoder.encode(value)
    return try GitHubClient.decode(type, from: data, operation: operation, repository: nil, snakeCase: true)
}

/// A decoder check for `type`.
private func check<T: Decodable & SendableMetatype>(_ type: T.Type) -> @Sendable (JSONValue, String) throws -> Void {
    { value, operation in _ = try decodeLikeTheClient(T.self, value, operation: operation) }
}

@Suite("Official GitHub shapes", .enabled(if: SharedData.available, "shared/github-api not found; set INFINITY_SHARED_DIR"))
struct OfficialShapeTests {
    /// Operation id and status → the client's type for that body.
    static let decoders: [(String, String, @Sendable (JSONValue, String) throws -> Void)] = [
        ("repos/list-for-org", "200", check([GitHubRepository].self)),
        ("repos/list-for-authenticated-user", "200", check([GitHubRepository].self)),
        ("repos/list-for-user", "200", check([GitHubRepository].self)),
        ("repos/get", "200", check(GitHubRepository.self)),
        ("checks/list-for-ref", "200", check(CheckRunList.self)),
        ("repos/get-combined-status-for-ref", "200", check(CombinedStatus.self)),
        ("actions/list-workflow-runs-for-repo", "200", check(WorkflowRunList.self)),
        ("actions/list-jobs-for-workflow-run", "200", check(WorkflowJobList.self)),
        ("issues/list-for-repo", "200", check([GitHubIssue].self)),
        ("issues/create", "201", check(GitHubIssue.self)),
        ("issues/update", "200", check(GitHubIssue.self)),
        ("issues/create-comment", "201", check(IssueComment.self)),
        ("search/issues-and-pull-requests", "200", check(IssueSearchPage.self)),
        ("pulls/create", "201", check(PullRequest.self)),
        ("pulls/list", "200", check([PullRequest].self)),
        ("git/get-ref", "200", check(GitReference.self)),
        ("git/create-ref", "201", check(GitReference.self)),
        ("repos/list-languages", "200", check([String: Int].self)),
        ("git/get-tree", "200", check(GitTree.self)),
        ("code-scanning/list-alerts-for-repo", "200", check([CodeScanningAlert].self)),
        ("code-scanning/upload-sarif", "202", check(SarifUploadReceipt.self)),
        ("secret-scanning/list-alerts-for-repo", "200", check([SecretScanningAlert].self)),
        ("dependabot/list-alerts-for-repo", "200", check([DependabotAlert].self)),
        ("apps/create-installation-access-token", "201", check(InstallationTokenBody.self)),
        ("rate-limit/get", "200", check(RateLimitOverview.self)),
    ]

    @Test("every official example body the client has a type for decodes")
    func decodesEveryOfficialExample() throws {
        let subset = try RESTSubset()
        var total = 0
        var decoded = 0
        for (operation, status, decode) in Self.decoders {
            let examples = subset.examples(operation, status: status)
            #expect(!examples.isEmpty, "no example for \(operation) \(status)")
            for (name, value) in examples {
                total += 1
                if case .array(let items) = value["items"], items == [.string("...")] {
                    // GitHub's documentation placeholder ("items": ["..."]) is not a real item: the
                    // client must reject it as a typed decoding error, and accept the envelope.
                    #expect(throws: GitHubError.self) { try decode(value, name) }
                    guard case .object(var members) = value else { continue }
                    members["items"] = .array([])
                    try decode(.object(members), "\(operation) \(status) \(name) (placeholder items removed)")
                    decoded += 1
                    continue
                }
                do {
                    try decode(value, "\(operation) \(status) \(name)")
                    decoded += 1
                } catch {
                    Issue.record("\(operation) \(status) \(name): \(error)")
                }
            }
        }
        #expect(total >= 27)
        #expect(decoded == total)
    }

    @Test("every operation in the subset that has a success example is either typed or deliberately untyped")
    func coverageIsDeliberate() throws {
        let subset = try RESTSubset()
        let typed = Set(Self.decoders.map { "\($0.0) \($0.1)" })
        // Endpoints the orchestrator does not read bodies from.
        let untyped: Set<String> = [
            "repos/list-commits 200", "actions/create-workflow-dispatch 200", "actions/get-actions-cache-list 200",
            "actions/delete-actions-cache-by-key 200", "repos/get-content 200", "repos/create-or-update-file-contents 200",
            "repos/create-or-update-file-contents 201",
        ]
        for operation in subset.operations {
            guard let id = operation["operationId"]?.stringValue, case .object(let responses) = operation["responses"] else { continue }
            for status in responses.keys where status.hasPrefix("2") && !subset.examples(id, status: status).isEmpty {
                #expect(typed.contains("\(id) \(status)") || untyped.contains("\(id) \(status)"), "\(id) \(status) is neither typed nor listed")
            }
        }
    }

    @Test("every official 4xx/5xx example body is read by the error parser without crashing")
    func errorExamplesParse() throws {
        let subset = try RESTSubset()
        guard case .array(let bodies) = subset.root["error_body_examples_anywhere_in_description"] else {
            Issue.record("no error examples")
            return
        }
        #expect(bodies.count == 28)
        try Harness.withoutNetwork { pipeline in
            for entry in bodies {
                let status = Int(entry["status"]?.stringValue ?? "") ?? 400
                let body = try JSONEncoder().encode(entry["value"] ?? .null)
                let error = pipeline.failure(.badRequest, TransportResponse(status: status, headers: GitHubHeaders(), body: body), request: GitHubRequest(.get, "/x"))
                #expect(error.message.hasPrefix("GitHub said: "))
                let said = entry["value"]?["message"]?.stringValue ?? entry["value"]?["details"]?["message"]?.stringValue
                if let said { #expect(error.message.contains(said)) }
                if case .array(let details) = entry["value"]?["errors"] {
                    #expect(error.validationErrors.count == details.count)
                }
            }
        }
    }

    @Test("the test server's answers satisfy the official response schemas")
    func serverConformsToSchemas() async throws {
        let subset = try RESTSubset()
        try await Harness.with { harness in
            let client = harness.client
            let repo = "acme/repo-0000"
            let issue = try await client.createIssue(repo, NewIssue(title: "Shape check", labels: ["infinity"]))
            _ = try await client.commitFiles(repo, branch: "shape", baseBranch: "main", files: ["a.txt": Data("a".utf8)], message: "m")
            let run = try #require(try await client.workflowRuns(repo).first)
            let head = try #require(harness.server.reference(in: repo, "refs/heads/main"))
            let tree = try await client.gitCommit(repo, sha: head).tree.sha
            func raw(_ method: GitHubRequest.Method, _ path: String, _ body: String? = nil, query: [(name: String, value: String)] = []) async throws -> JSONValue {
                var request = GitHubRequest(method, path, query: query, body: body.map { Data($0.utf8) })
                request.useCache = false
                let response = try await client.send(request)
                return try JSONDecoder().decode(JSONValue.self, from: response.body)
            }
            let base = "/repos/\(repo)"
            let checks: [(String, String, JSONValue)] = [
                ("repos/list-for-org", "200", try await raw(.get, "/orgs/acme/repos")),
                ("repos/list-for-user", "200", try await raw(.get, "/users/octo-user/repos")),
                ("repos/list-for-authenticated-user", "200", try await raw(.get, "/user/repos")),
                ("repos/get", "200", try await raw(.get, base)),
                ("checks/list-for-ref", "200", try await raw(.get, base + "/commits/main/check-runs")),
                ("repos/get-combined-status-for-ref", "200", try await raw(.get, base + "/commits/main/status")),
                ("actions/list-workflow-runs-for-repo", "200", try await raw(.get, base + "/actions/runs")),
                ("actions/list-jobs-for-workflow-run", "200", try await raw(.get, base + "/actions/runs/\(run.id)/jobs")),
                ("issues/list-for-repo", "200", try await raw(.get, base + "/issues")),
                ("issues/create", "201", try await raw(.post, base + "/issues", #"{"title":"t"}"#)),
                ("issues/update", "200", try await raw(.patch, base + "/issues/\(issue.number)", #"{"state":"closed"}"#)),
                ("issues/create-comment", "201", try await raw(.post, base + "/issues/\(issue.number)/comments", #"{"body":"b"}"#)),
                ("search/issues-and-pull-requests", "200", try await raw(.get, "/search/issues", query: [(name: "q", value: "repo:\(repo)")])),
                ("pulls/create", "201", try await raw(.post, base + "/pulls", #"{"title":"p","head":"shape","base":"main"}"#)),
                ("pulls/list", "200", try await raw(.get, base + "/pulls")),
                ("git/get-ref", "200", try await raw(.get, base + "/git/ref/heads/main")),
                ("git/create-ref", "201", try await raw(.post, base + "/git/refs", #"{"ref":"refs/heads/shape2","sha":"\#(head)"}"#)),
                ("repos/list-languages", "200", try await raw(.get, base + "/languages")),
                ("git/get-tree", "200", try await raw(.get, base + "/git/trees/\(tree)")),
                ("code-scanning/list-alerts-for-repo", "200", try await raw(.get, base + "/code-scanning/alerts")),
                ("secret-scanning/list-alerts-for-repo", "200", try await raw(.get, "/repos/acme/repo-0000/secret-scanning/alerts")),
                ("dependabot/list-alerts-for-repo", "200", try await raw(.get, base + "/dependabot/alerts")),
                ("rate-limit/get", "200", try await raw(.get, "/rate_limit")),
            ]
            for (operation, status, value) in checks {
                let schema = try #require(subset.schema(operation, status: status), "no schema for \(operation)")
                var validator = SchemaValidator()
                validator.validate(value, against: schema)
                #expect(validator.problems.isEmpty, "\(operation): \(validator.problems.prefix(5))")
                if case .array(let items) = value { #expect(!items.isEmpty, "\(operation) returned no items to check") }
            }
        }
    }
}
