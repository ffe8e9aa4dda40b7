import Foundation

/// How the client authenticates: a token, or a GitHub App installation.
public enum GitHubAuthentication: Sendable {
    /// No credentials (public data only, 60 requests/h).
    case anonymous
    /// A personal access token, `GITHUB_TOKEN` in Actions, or any bearer token.
    case token(Secret)
    /// A GitHub App installation: tokens are minted and refreshed from a signed JWT.
    case app(GitHubAppCredentials)

    /// Reads a token from the environment: `variable` when given, else `GITHUB_TOKEN`, then `GH_TOKEN`.
    ///
    /// - Parameter environment: the process environment, injected (`ProcessInfo.processInfo.environment`).
    /// - Throws: ``GitHubError/Code/configuration`` naming the variables that were tried.
    public static func token(fromEnvironment environment: [String: String], variable: String? = nil) throws
        -> GitHubAuthentication
    {
        let names = variable.map { [$0] } ?? ["GITHUB_TOKEN", "GH_TOKEN"]
        for name in names {
            if let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                return .token(Secret(value))
            }
        }
        throw GitHubError(
            code: .configuration,
            message: "no GitHub token found: set \(names.joined(separator: " or ")) in the environment, or "
                + "configure a GitHub App (app id, private key file, installation id)")
    }
}

/// What a GitHub App needs to mint installation tokens.
public struct GitHubAppCredentials: Sendable {
    /// The App ID or Client ID, used as the JWT `iss`.
    public var appID: String
    /// The App's RSA private key, PEM (PKCS#1 `RSA PRIVATE KEY` or PKCS#8 `PRIVATE KEY`).
    public var privateKeyPEM: Secret
    /// The installation whose token to mint.
    public var installationID: Int64

    /// Creates credentials from values already in memory.
    public init(appID: String, privateKeyPEM: Secret, installationID: Int64) {
        self.appID = appID
        self.privateKeyPEM = privateKeyPEM
        self.installationID = installationID
    }

    /// Reads the private key from `privateKeyPath` through `readFile`.
    ///
    /// - Throws: ``GitHubError/Code/configuration`` naming the file (never its content).
    public static func load(
        appID: String, privateKeyPath: String, installationID: Int64,
        readFile: @Sendable (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    ) throws -> GitHubAppCredentials {
        let data: Data
        do {
            data = try readFile(privateKeyPath)
        } catch {
            throw GitHubError(
                code: .configuration,
                message: "cannot read the GitHub App private key file '\(privateKeyPath)': check the path and its "
                    + "permissions", underlying: String(describing: type(of: error)))
        }
        guard let text = String(data: data, encoding: .utf8), text.contains("PRIVATE KEY-----") else {
            throw GitHubError(
                code: .configuration,
                message: "'\(privateKeyPath)' is not a PEM private key; download the key (.pem) from the App's "
                    + "settings page")
        }
        let credentials = GitHubAppCredentials(
            appID: appID, privateKeyPEM: Secret(text), installationID: installationID)
        _ = try AppJWTSigner(credentials: credentials, keyDescription: "'\(privateKeyPath)'")
        return credentials
    }
}
