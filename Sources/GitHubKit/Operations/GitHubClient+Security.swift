import Foundation

extension GitHubClient {
    /// GitHub's limit on the gzip-compressed SARIF upload.
    public static let maxCompressedSARIFBytes = 10 * 1024 * 1024

    /// Uploads a SARIF report for `commitSHA` on `ref` (`refs/heads/main`): gzip, then base64.
    ///
    /// - Throws: ``GitHubError/Code/validationFailed`` locally when the sha or ref is malformed or
    ///   the compressed report exceeds 10 MiB.
    public func uploadSARIF(
        _ fullName: String, sarif: Data, commitSHA: String, ref: String, toolName: String? = nil
    ) async throws -> SarifUploadReceipt {
        struct Body: Encodable {
            var commitSha: String
            var ref: String
            var sarif: String
            var toolName: String?
        }
        let operation = "POST /repos/{owner}/{repo}/code-scanning/sarifs"
        guard commitSHA.count == 40, commitSHA.allSatisfy(\.isHexDigit) else {
            throw GitHubError(
                code: .validationFailed, message: "commit_sha must be the full 40-character commit id",
                endpoint: operation, repository: fullName)
        }
        guard ref.hasPrefix("refs/heads/") || ref.hasPrefix("refs/pull/") || ref.hasPrefix("refs/tags/") else {
            throw GitHubError(
                code: .validationFailed, message: "ref must be refs/heads/<branch>, refs/tags/<tag> or "
                    + "refs/pull/<n>/merge, not '\(ref.prefix(100))'", endpoint: operation, repository: fullName)
        }
        let compressed = Gzip.compress(sarif)
        guard compressed.count <= Self.maxCompressedSARIFBytes else {
            throw GitHubError(
                code: .validationFailed,
                message: "the SARIF report is \(compressed.count) bytes after gzip; GitHub accepts at most "
                    + "\(Self.maxCompressedSARIFBytes). Split it by tool or category, or drop low-severity results",
                endpoint: operation, repository: fullName)
        }
        var request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/code-scanning/sarifs",
            body: try Self.encodeJSON(
                Body(commitSha: commitSHA, ref: ref, sarif: compressed.base64EncodedString(), toolName: toolName)),
            operation: operation, repository: fullName)
        request.resource = "code_scanning_upload"
        return try await send(request, as: SarifUploadReceipt.self)
    }

    /// Code-scanning alerts in `state` (`open`, `closed`, `dismissed`, `fixed`).
    public func codeScanningAlerts(_ fullName: String, state: String = "open") async throws -> [CodeScanningAlert] {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/code-scanning/alerts", query: [(name: "state", value: state)],
            operation: "GET /repos/{owner}/{repo}/code-scanning/alerts", repository: fullName)
        return try await paginate(request, as: CodeScanningAlert.self)
    }

    /// Secret-scanning alerts in `state` (`open` or `resolved`). The secret values are asked to be
    /// hidden (`hide_secret=true`) and, where a server sends them anyway, removed from the answer
    /// before it is cached or decoded.
    public func secretScanningAlerts(_ fullName: String, state: String = "open") async throws -> [SecretScanningAlert] {
        var request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/secret-scanning/alerts",
            query: [(name: "state", value: state), (name: "hide_secret", value: "true")],
            operation: "GET /repos/{owner}/{repo}/secret-scanning/alerts", repository: fullName)
        request.redactedBodyKeys = SecretScanningAlert.withheldKeys
        return try await paginate(request, as: SecretScanningAlert.self)
    }

    /// Dependabot alerts in `state` (`open`, `fixed`, `dismissed`, `auto_dismissed`).
    public func dependabotAlerts(_ fullName: String, state: String = "open") async throws -> [DependabotAlert] {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/dependabot/alerts", query: [(name: "state", value: state)],
            operation: "GET /repos/{owner}/{repo}/dependabot/alerts", repository: fullName)
        return try await paginate(request, as: DependabotAlert.self)
    }
}
